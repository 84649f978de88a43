import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships, users, xeroAuthRequests, type MemberRole } from "@/db/schema";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { AppError, notFound } from "@/lib/errors";
import type { OrgContext } from "./org-context";

export async function listMembers(db: Db, orgId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      canSeeAmounts: memberships.canSeeAmounts,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(users.name);
}

async function loadMember(db: Db, orgId: string, userId: string) {
  const [member] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for("update");
  if (!member) throw notFound("That member");
  return member;
}

async function ownerCount(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return row.n;
}

/** Only owners hand out or take away ownership: an admin cannot promote themselves past the owners. */
function assertMayTouchOwnership(ctx: OrgContext, from: MemberRole, to?: MemberRole) {
  if ((from === "owner" || to === "owner") && ctx.role !== "owner") {
    throw new AppError("forbidden", "Only an owner can grant or change the owner role.");
  }
}

/**
 * A Xero sign-in started under the old role must not finish under the new one (or after removal):
 * the callback finds no request and answers "expired". Only this organisation's: the user's
 * standing elsewhere did not change.
 */
async function dropPendingXeroSignIns(db: Db, orgId: string, userId: string): Promise<void> {
  await db.delete(xeroAuthRequests).where(and(eq(xeroAuthRequests.orgId, orgId), eq(xeroAuthRequests.userId, userId)));
}

export async function changeMemberRole(db: Db, ctx: OrgContext, userId: string, role: MemberRole): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await loadMember(tx, ctx.org.id, userId);
    if (member.role === role) return;
    assertMayTouchOwnership(ctx, member.role, role);
    if (member.role === "owner" && (await ownerCount(tx, ctx.org.id)) <= 1) {
      throw new AppError("conflict", "This is the last owner. Make another member an owner first.", [
        { field: "role", message: "The organisation needs at least one owner." },
      ]);
    }
    await tx.update(memberships).set({ role }).where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, userId)));
    await dropPendingXeroSignIns(tx, ctx.org.id, userId);
  });
}

export async function removeMember(db: Db, ctx: OrgContext, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await loadMember(tx, ctx.org.id, userId);
    assertMayTouchOwnership(ctx, member.role);
    if (member.role === "owner" && (await ownerCount(tx, ctx.org.id)) <= 1) {
      throw new AppError("conflict", "The last owner cannot be removed. Make another member an owner first.");
    }
    await tx.delete(memberships).where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, userId)));
    await dropPendingXeroSignIns(tx, ctx.org.id, userId);
    // Their open sessions end too: a removed member's browser must not keep a signed-in page open.
    await revokeUserSessions(tx, userId);
  });
}

export async function setMemberAmountVisibility(db: Db, ctx: OrgContext, userId: string, value: boolean | null): Promise<void> {
  const updated = await db
    .update(memberships)
    .set({ canSeeAmounts: value })
    .where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  if (!updated.length) throw notFound("That member");
}
