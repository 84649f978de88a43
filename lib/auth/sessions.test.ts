import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { authSessions } from "@/db/schema";
import { eq } from "drizzle-orm";
import { makeOrg, makeUser, addMember, TEST_PASSWORD } from "@/test/factories";
import { removeMember } from "@/lib/tenancy/members";
import { changePassword } from "./change-password";
import { createSession, findSessionUser, revokeSession } from "./sessions";

describe("server-side sessions", () => {
  it("a signed-out session no longer finds its user", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const sid = await createSession(db, user.id);
    expect(await findSessionUser(db, sid, user.id)).toMatchObject({ id: user.id, email: user.email });
    await revokeSession(db, sid);
    expect(await findSessionUser(db, sid, user.id)).toBeNull();
  });

  it("an expired session is over; a session id never works for another user", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const other = await makeUser(db);
    const sid = await createSession(db, user.id);
    expect(await findSessionUser(db, sid, other.id)).toBeNull();
    await db.update(authSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authSessions.id, sid));
    expect(await findSessionUser(db, sid, user.id)).toBeNull();
  });

  it("is renewed while used", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const sid = await createSession(db, user.id, new Date(Date.now() - 2 * 60 * 60_000));
    const [before] = await db.select().from(authSessions).where(eq(authSessions.id, sid));
    await findSessionUser(db, sid, user.id);
    const [after] = await db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(after.expiresAt.getTime()).toBeGreaterThan(before.expiresAt.getTime());
  });

  it("a password change ends the user's other sessions and keeps the one that made it", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const here = await createSession(db, user.id);
    const stolen = await createSession(db, user.id);
    await expect(changePassword(db, user.id, here, { currentPassword: "wrong-one-123", newPassword: "new-horse-43x", confirmPassword: "new-horse-43x" })).rejects.toMatchObject({
      fields: [{ field: "currentPassword" }],
    });
    expect(await findSessionUser(db, stolen, user.id)).not.toBeNull();
    const result = await changePassword(db, user.id, here, { currentPassword: TEST_PASSWORD, newPassword: "new-horse-43x", confirmPassword: "new-horse-43x" });
    expect(result.endedSessions).toBe(1);
    expect(await findSessionUser(db, stolen, user.id)).toBeNull();
    expect(await findSessionUser(db, here, user.id)).not.toBeNull();
  });

  it("removal from an organisation ends the removed member's sessions", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const member = await addMember(db, owner.org.id, owner.org.slug, "sales");
    const sid = await createSession(db, member.user.id);
    const ownerSid = await createSession(db, owner.user.id);
    await removeMember(db, owner, member.user.id);
    expect(await findSessionUser(db, sid, member.user.id)).toBeNull();
    expect(await findSessionUser(db, ownerSid, owner.user.id)).not.toBeNull();
  });
});
