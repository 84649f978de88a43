import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** The RS256 key the sandbox signs access and id tokens with, published on its JWKS endpoint. */
export class SigningKey {
  readonly kid: string;
  private readonly privateKey: KeyObject;

  constructor(pem?: string, kid?: string) {
    this.privateKey = pem ? createPrivateKey(pem) : generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    this.kid = kid ?? randomUUID().replace(/-/g, "").slice(0, 16);
  }

  get pem(): string {
    return this.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  }

  jwk() {
    const jwk = createPublicKey(this.privateKey).export({ format: "jwk" });
    return { ...jwk, kid: this.kid, use: "sig", alg: "RS256", kty: "RSA" };
  }

  signJwt(payload: Record<string, unknown>): string {
    const header = b64url(JSON.stringify({ alg: "RS256", kid: this.kid, typ: "JWT" }));
    const body = b64url(JSON.stringify(payload));
    const signature = sign("RSA-SHA256", Buffer.from(`${header}.${body}`), this.privateKey);
    return `${header}.${body}.${b64url(signature)}`;
  }
}

/** Reads a JWT's payload without checking it (the caller checks the signature separately when it matters). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    return null;
  }
}
