import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { devMailbox, invitations } from "@/db/schema";
import { addMember, makeOrg, makeUser, uniq } from "@/test/factories";
import { acceptInvitation, findInvitation, hashInvitationToken, inviteMember, revokeInvitation } from "./invitations";
import { listMembers } from "./members";

describe("invitations", () => {
  it("emails a link whose token is stored only as a hash, and joins the invitee with the role", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const email = `${uniq("inv")}@example.test`;
    const { token, invitation } = await inviteMember(db, owner, { email, role: "finance" });
    expect(invitation.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(invitation)).not.toContain(token);
    const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.to, email)).orderBy(desc(devMailbox.createdAt));
    expect(mail.text).toContain(`/invite/${token}`);
    expect(mail.subject).toContain(owner.org.name);

    const invitee = await makeUser(db, { email });
    const org = await acceptInvitation(db, token, invitee);
    expect(org.id).toBe(owner.org.id);
    expect((await listMembers(db, owner.org.id)).find((m) => m.userId === invitee.id)?.role).toBe("finance");
    await expect(acceptInvitation(db, token, invitee)).rejects.toThrow(/already used/);
  });

  it("refuses a user whose email is not the invited one", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const { token } = await inviteMember(db, owner, { email: `${uniq("a")}@example.test`, role: "sales" });
    const other = await makeUser(db);
    await expect(acceptInvitation(db, token, other)).rejects.toMatchObject({ code: "forbidden" });
    expect((await findInvitation(db, token)).state).toBe("valid");
  });

  it("refuses expired and withdrawn invitations, and a newer one replaces the older link", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const email = `${uniq("b")}@example.test`;
    const first = await inviteMember(db, owner, { email, role: "sales" });
    const second = await inviteMember(db, owner, { email, role: "sales" });
    expect((await findInvitation(db, first.token)).state).toBe("revoked");

    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, second.invitation.id));
    expect((await findInvitation(db, second.token)).state).toBe("expired");
    const invitee = await makeUser(db, { email });
    await expect(acceptInvitation(db, second.token, invitee)).rejects.toThrow(/expired/);
    expect(await findInvitation(db, "not-a-real-token")).toEqual({ state: "unknown" });
  });

  it("only lets an owner invite an owner, and refuses existing members", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    await expect(inviteMember(db, admin, { email: `${uniq("c")}@example.test`, role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteMember(db, owner, { email: admin.user.email, role: "sales" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("cannot withdraw another organisation's invitation", async () => {
    const db = getDb();
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const { token, invitation } = await inviteMember(db, b, { email: `${uniq("d")}@example.test`, role: "sales" });
    await expect(revokeInvitation(db, a, invitation.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await findInvitation(db, token)).state).toBe("valid");
  });
});
