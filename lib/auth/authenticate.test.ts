import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { signInFailures } from "@/db/schema";
import { trustedClientIp } from "@/lib/http/client-ip";
import { makeUser, TEST_PASSWORD } from "@/test/factories";
import { authenticate } from "./authenticate";
import { SIGN_IN_MAX_FAILURES, SIGN_IN_MAX_FAILURES_PER_IP, signInKeys } from "./sign-in-limiter";

const accountKey = (email: string) => signInKeys(email, null)[0].key;

describe("authenticate", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const result = await authenticate(db, user.email.toUpperCase(), TEST_PASSWORD, null);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const db = getDb();
    const user = await makeUser(db);
    expect(await authenticate(db, user.email, "wrong-password-1", null)).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await authenticate(db, "nobody@example.test", TEST_PASSWORD, null)).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("locks the account after repeated failures from any mix of addresses, even for the right password", async () => {
    const db = getDb();
    const user = await makeUser(db);
    // An attacker who rotates X-Forwarded-For gets a new "address" per try: the account limit still holds.
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await authenticate(db, user.email, "wrong-password-1", `10.0.3.${i}`);
    const locked = await authenticate(db, user.email, TEST_PASSWORD, "10.0.9.9");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect((locked as { minutes: number }).minutes).toBeGreaterThan(0);
    expect(await authenticate(db, user.email, TEST_PASSWORD, null)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("lets the user in again once the cool-down has passed, and clears the count on success", async () => {
    const db = getDb();
    const user = await makeUser(db);
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await authenticate(db, user.email, "wrong-password-1", null);
    await db.update(signInFailures).set({ windowStartedAt: new Date(Date.now() - 16 * 60_000) }).where(eq(signInFailures.key, accountKey(user.email)));
    expect(await authenticate(db, user.email, TEST_PASSWORD, null)).toMatchObject({ ok: true });
    expect(await db.select().from(signInFailures).where(eq(signInFailures.key, accountKey(user.email)))).toEqual([]);
  });

  it("locks a trusted client address that guesses across many accounts", async () => {
    const db = getDb();
    const victim = await makeUser(db);
    const ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < SIGN_IN_MAX_FAILURES_PER_IP; i++) await authenticate(db, `nobody-${i}@example.test`, "wrong-password-1", ip);
    expect(await authenticate(db, victim.email, TEST_PASSWORD, ip)).toMatchObject({ ok: false, reason: "locked" });
    expect(await authenticate(db, victim.email, TEST_PASSWORD, "10.2.0.1")).toMatchObject({ ok: true });
  });
});

describe("trustedClientIp", () => {
  const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7", "x-real-ip": "203.0.113.8" });
  it("trusts no header unless the operator named one", () => {
    expect(trustedClientIp(headers, null)).toBeNull();
  });
  it("reads the named header; for X-Forwarded-For the entry the trusted proxy appended (the last)", () => {
    expect(trustedClientIp(headers, "x-real-ip")).toBe("203.0.113.8");
    expect(trustedClientIp(headers, "x-forwarded-for")).toBe("203.0.113.7");
    expect(trustedClientIp(new Headers(), "x-real-ip")).toBeNull();
  });
});
