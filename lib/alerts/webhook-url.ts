import { BlockList, isIP } from "node:net";
import { AppError } from "@/lib/errors";

/** Where a webhook may never point in production: this machine, private networks, link-local (cloud metadata), special ranges. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4]] as const) PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2002::", 16]] as const) PRIVATE.addSubnet(net, prefix, "ipv6");

/** An IPv4 address written as IPv6 (::ffff:7f00:1 or ::ffff:127.0.0.1), as the IPv4 address it is. */
function unmapped(address: string): string {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return address;
  if (m[1]) return m[1];
  const hi = parseInt(m[2], 16);
  const lo = parseInt(m[3], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** Whether a resolved address is one a production webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  const bare = unmapped(address.replace(/^\[|\]$/g, "").toLowerCase());
  const family = isIP(bare);
  if (family === 4) return PRIVATE.check(bare, "ipv4");
  if (family === 6) return PRIVATE.check(bare, "ipv6");
  return false;
}

const isLocalName = (host: string) => {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost");
};

const invalid = (message: string) => new AppError("validation", message, [{ field: "webhookUrl", message }]);

/**
 * A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat, Teams' Slack endpoint): an
 * https URL we POST `{"text": ...}` to. Plain http is allowed only to this machine outside
 * production (a local receiver while developing). In production a name or address inside a private
 * network is refused here, and every address a name resolves to is checked again when connecting
 * (deliver-alerts.ts), so a name that later points inside cannot be used either.
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
  const local = isLocalName(url.hostname) || (isIP(url.hostname.replace(/^\[|\]$/g, "")) !== 0 && isPrivateAddress(url.hostname));
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("The webhook URL must start with https://.");
  if (url.protocol === "http:" && !(local && mode !== "production")) throw invalid("The webhook URL must start with https:// (plain http would send your alerts unencrypted).");
  if (mode === "production" && local) throw invalid("The webhook URL points inside a private network; use your chat tool's public webhook URL.");
  return url;
}

/** What the settings page shows of a saved URL: enough to recognise it, not enough to use it. */
export function webhookUrlHint(url: URL): string {
  const tail = url.pathname.length > 4 ? url.pathname.slice(-4) : "";
  return `${url.protocol}//${url.host}/…${tail}`;
}
