import { isIP } from "node:net";
import { AppError } from "@/lib/errors";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Literal addresses a webhook may not point at in production: loopback, private, link-local (cloud metadata). */
function isPrivateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 4) {
    const [a, b] = bare.split(".").map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(bare) === 6) return bare === "::1" || bare.startsWith("fc") || bare.startsWith("fd") || bare.startsWith("fe80") || bare === "::";
  return false;
}

const invalid = (message: string) => new AppError("validation", message, [{ field: "webhookUrl", message }]);

/**
 * A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat, Teams' Slack endpoint): an
 * https URL we POST `{"text": ...}` to. Plain http is allowed only to this machine outside
 * production (a local receiver while developing); in production an address inside a private
 * network is refused, so the portal cannot be made to post into its own network.
 */
export function parseWebhookUrl(raw: string, mode: "embedded" | "production" | "test"): URL {
  const text = raw.trim();
  if (!text) throw invalid("Enter the webhook URL your chat tool gave you (it starts with https://).");
  if (text.length > 2000) throw invalid("The webhook URL is longer than 2,000 characters; paste the URL alone.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid("That is not a URL. Paste the whole webhook URL, starting with https://.");
  }
  if (url.username || url.password) throw invalid("The webhook URL must not contain a user name or password.");
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol === "http:" && !(local && mode !== "production")) throw invalid("The webhook URL must start with https:// (plain http would send your alerts unencrypted).");
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("The webhook URL must start with https://.");
  if (mode === "production" && (local || isPrivateAddress(url.hostname))) throw invalid("The webhook URL points inside a private network; use your chat tool's public webhook URL.");
  return url;
}

/** What the settings page shows of a saved URL: enough to recognise it, not enough to use it. */
export function webhookUrlHint(url: URL): string {
  const tail = url.pathname.length > 4 ? url.pathname.slice(-4) : "";
  return `${url.protocol}//${url.host}/…${tail}`;
}
