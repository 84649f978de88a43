import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * Secrets at rest (Xero tokens, PKCE verifiers): AES-256-GCM with a fresh IV each time, sealed as
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>`. The key id is derived from the key, so after a rotation
 * the old key (TOKEN_ENCRYPTION_OLD_KEYS) still opens what it sealed.
 */
export const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 12);

export interface SealedSecret {
  sealed: string;
  keyId: string;
}

export function seal(plain: string, key = getEnv().tokenKeys.current): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const id = keyId(key);
  return { sealed: ["v1", id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join("."), keyId: id };
}

export class SecretBoxError extends Error {}

export function open(sealed: string, keys = [getEnv().tokenKeys.current, ...getEnv().tokenKeys.old]): string {
  const [version, id, iv, tag, ct] = sealed.split(".");
  if (version !== "v1" || !ct) throw new SecretBoxError("Not a sealed secret");
  const key = keys.find((k) => keyId(k) === id);
  if (!key) throw new SecretBoxError(`No key ${id} to open this secret: was TOKEN_ENCRYPTION_KEY changed without keeping the old one in TOKEN_ENCRYPTION_OLD_KEYS?`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
