import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isPrivateAddress } from "./webhook-url";

export const WEBHOOK_TIMEOUT_MS = 5_000;
/** Answers that will not change on a retry: the hook is gone, disabled or refuses the message. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 410]);

export type PostOutcome = { ok: true } | { ok: false; permanent: boolean; error: string; retryAfterMs?: number; rateLimited?: boolean };

/** Resolves as usual, then refuses if any address is private: checked at connect time, so DNS rebinding cannot reach inside. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as LookupAddress[];
    const blocked = list.find((a) => isPrivateAddress(a.address));
    if (blocked) return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: "EPRIVATE" }), "", 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/** Retry-After in seconds or as an HTTP date, in milliseconds (bounded to an hour). */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 3_600_000) : undefined;
}

/**
 * POSTs a Slack-style `{"text": ...}` message. Redirects are not followed (a webhook answers where
 * it is); at most 1 KB of the answer is read, and only a short code like Slack's `no_service` is
 * repeated in the error, so the answer of some other server is never shown back.
 */
export function postWebhookMessage(url: string, text: string, options: { publicOnly: boolean }): Promise<PostOutcome> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const body = JSON.stringify({ text });
  return new Promise((resolve) => {
    const req = send(
      target,
      { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: WEBHOOK_TIMEOUT_MS, lookup: options.publicOnly ? publicOnlyLookup : undefined },
      (res) => {
        let said = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (said.length < 1024) said += chunk.slice(0, 1024 - said.length);
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve({ ok: true });
          const code = /^[\w.-]{1,60}$/.test(said.trim()) ? `: ${said.trim()}` : "";
          if (status >= 300 && status < 400) return resolve({ ok: false, permanent: true, error: `The webhook answered with a redirect (HTTP ${status}); paste the URL it redirects to.` });
          const rateLimited = status === 429;
          resolve({ ok: false, permanent: PERMANENT_STATUSES.has(status), rateLimited, error: `The webhook answered HTTP ${status}${code}.`, retryAfterMs: rateLimited || status === 503 ? retryAfterMs(res.headers["retry-after"] as string | undefined) : undefined });
        });
        res.on("error", () => resolve({ ok: false, permanent: false, error: "The webhook's answer was cut off." }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPRIVATE") return resolve({ ok: false, permanent: true, error: "The webhook's address resolves inside a private network; it is not posted to." });
      if (error.code === "ETIMEDOUT") return resolve({ ok: false, permanent: false, error: `The webhook did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} s.` });
      resolve({ ok: false, permanent: false, error: `The webhook could not be reached${error.code ? ` (${error.code})` : ""}.` });
    });
    req.end(body);
  });
}
