import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, open, seal, SecretBoxError } from "./secret-box";

describe("secret box (tokens at rest)", () => {
  it("seals with a fresh IV each time and opens to the same text", () => {
    const a = seal("refresh-token-abc");
    const b = seal("refresh-token-abc");
    expect(a.sealed).not.toBe(b.sealed);
    expect(a.sealed).not.toContain("refresh-token-abc");
    expect(open(a.sealed)).toBe("refresh-token-abc");
  });

  it("opens secrets sealed with a rotated-out key, and says what is missing when it cannot", () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealed = seal("token", oldKey).sealed;
    expect(open(sealed, [newKey, oldKey])).toBe("token");
    expect(() => open(sealed, [newKey])).toThrow(new RegExp(`No key ${keyId(oldKey)}.*TOKEN_ENCRYPTION_OLD_KEYS`));
  });

  it("refuses a tampered secret", () => {
    const { sealed } = seal("token");
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join("."))).toThrow();
    expect(() => open("plain-text")).toThrow(SecretBoxError);
  });
});
