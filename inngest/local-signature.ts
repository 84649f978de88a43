import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * With no Inngest server (embedded default, tests) the serve handler is driven by this process's
 * local driver. Its requests carry an HMAC made with a key born at boot and never written anywhere,
 * so nobody else who can reach /api/inngest can run a function step. (In production Inngest signs
 * its requests and the SDK checks them.)
 */
export const LOCAL_SIGNATURE_HEADER = "x-ledgerbridge-local-signature";
const MAX_AGE_MS = 5 * 60_000;

// On globalThis: Next bundles the route and the boot code separately, and both must share the key.
const store = globalThis as unknown as { __ledgerbridgeLocalDriverKey?: Buffer };
const key = () => (store.__ledgerbridgeLocalDriverKey ??= randomBytes(32));

const mac = (timestamp: string, body: string) => createHmac("sha256", key()).update(`${timestamp}.${body}`).digest("hex");

export function signLocalRequest(body: string, now = Date.now()): string {
  const t = String(now);
  return `t=${t}&s=${mac(t, body)}`;
}

export function verifyLocalRequest(header: string | null, body: string, now = Date.now()): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = params.get("t") ?? "";
  const s = params.get("s") ?? "";
  if (!/^\d{1,16}$/.test(t) || !/^[0-9a-f]{64}$/.test(s)) return false;
  if (Math.abs(now - Number(t)) > MAX_AGE_MS) return false;
  return timingSafeEqual(Buffer.from(mac(t, body), "hex"), Buffer.from(s, "hex"));
}
