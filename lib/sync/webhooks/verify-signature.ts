import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Xero's `x-xero-signature`: base64 of HMAC-SHA256 over the raw body with the app's webhook key.
 * Checked over the bytes as received (never a re-serialised body), compared in constant time.
 */
export function verifyXeroSignature(rawBody: Buffer, signature: string | null, key: string): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", key).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, "base64");
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}
