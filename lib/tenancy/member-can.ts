import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships } from "@/db/schema";
import { can, type Permission } from "./roles";

/**
 * Whether a user is, right now, a member of the organisation with the permission: for work that
 * finishes long after the request that started it (the Xero callback) and must not trust the role
 * it had then. Takes a share lock on the membership, so inside a transaction a concurrent role
 * change or removal waits until this one commits (members.ts locks the same row for update).
 */
export async function memberCan(db: Db, orgId: string, userId: string, permission: Permission): Promise<boolean> {
  const [member] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for("share");
  return !!member && can(member.role, permission);
}
