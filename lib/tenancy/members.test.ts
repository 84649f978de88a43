import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { memberships } from "@/db/schema";
import { addMember, makeOrg } from "@/test/factories";
import { changeMemberRole, listMembers, removeMember, setMemberAmountVisibility } from "./members";

describe("members", () => {
  it("never removes or demotes the last owner", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    await expect(removeMember(db, owner, owner.user.id)).rejects.toThrow(/last owner/);
    await expect(changeMemberRole(db, owner, owner.user.id, "admin")).rejects.toThrow(/last owner/);
    expect((await listMembers(db, owner.org.id)).map((m) => m.role)).toEqual(["owner"]);
  });

  it("lets an owner step down once another owner exists", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const second = await addMember(db, owner.org.id, owner.org.slug, "admin");
    await changeMemberRole(db, owner, second.user.id, "owner");
    await changeMemberRole(db, owner, owner.user.id, "finance");
    const roles = Object.fromEntries((await listMembers(db, owner.org.id)).map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [owner.user.id]: "finance", [second.user.id]: "owner" });
  });

  it("does not let an admin grant, change or remove ownership", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    const sales = await addMember(db, owner.org.id, owner.org.slug, "sales");
    await expect(changeMemberRole(db, admin, sales.user.id, "owner")).rejects.toThrow(/Only an owner/);
    await expect(changeMemberRole(db, admin, owner.user.id, "sales")).rejects.toThrow(/Only an owner/);
    await expect(removeMember(db, admin, owner.user.id)).rejects.toThrow(/Only an owner/);
    await changeMemberRole(db, admin, sales.user.id, "finance");
    await removeMember(db, admin, sales.user.id);
    expect((await listMembers(db, owner.org.id)).map((m) => m.userId).sort()).toEqual([owner.user.id, admin.user.id].sort());
  });

  it("answers not found for a member of another organisation and changes nothing there", async () => {
    const db = getDb();
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const bSales = await addMember(db, b.org.id, b.org.slug, "sales");
    await expect(removeMember(db, a, bSales.user.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(changeMemberRole(db, a, bSales.user.id, "admin")).rejects.toMatchObject({ code: "not_found" });
    await expect(setMemberAmountVisibility(db, a, bSales.user.id, true)).rejects.toMatchObject({ code: "not_found" });
    const [row] = await db.select().from(memberships).where(and(eq(memberships.orgId, b.org.id), eq(memberships.userId, bSales.user.id)));
    expect(row).toMatchObject({ role: "sales", canSeeAmounts: null });
  });
});
