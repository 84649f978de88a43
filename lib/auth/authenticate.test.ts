import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { signInFailures } from "@/db/schema";
import { makeUser, TEST_PASSWORD } from "@/test/factories";
import { authenticate } from "./authenticate";
import { SIGN_IN_MAX_FAILURES, signInKey } from "./sign-in-limiter";

describe("authenticate", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const result = await authenticate(db, user.email.toUpperCase(), TEST_PASSWORD, "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const db = getDb();
    const user = await makeUser(db);
    expect(await authenticate(db, user.email, "wrong-password-1", "10.0.0.2")).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await authenticate(db, "nobody@example.test", TEST_PASSWORD, "10.0.0.2")).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("locks an email+IP after repeated failures, even for the right password, but not other IPs", async () => {
    const db = getDb();
    const user = await makeUser(db);
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await authenticate(db, user.email, "wrong-password-1", "10.0.0.3");
    const locked = await authenticate(db, user.email, TEST_PASSWORD, "10.0.0.3");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect((locked as { minutes: number }).minutes).toBeGreaterThan(0);
    expect(await authenticate(db, user.email, TEST_PASSWORD, "10.0.0.4")).toMatchObject({ ok: true });
  });

  it("lets the user in again once the window has passed, and clears the count on success", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const key = signInKey(user.email, "10.0.0.5");
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await authenticate(db, user.email, "wrong-password-1", "10.0.0.5");
    await db.update(signInFailures).set({ windowStartedAt: new Date(Date.now() - 16 * 60_000) }).where(eq(signInFailures.key, key));
    expect(await authenticate(db, user.email, TEST_PASSWORD, "10.0.0.5")).toMatchObject({ ok: true });
    expect(await db.select().from(signInFailures).where(eq(signInFailures.key, key))).toEqual([]);
  });
});
