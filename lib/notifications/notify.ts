import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships, notifications, type MemberRole } from "@/db/schema";

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  link?: string;
}

export async function notifyUsers(db: Db, orgId: string | null, userIds: string[], n: NewNotification): Promise<void> {
  if (!userIds.length) return;
  await db.insert(notifications).values(userIds.map((userId) => ({ userId, orgId, ...n })));
}

/** Notifies every member of an organisation who has one of the roles (e.g. owners and admins). */
export async function notifyRoles(db: Db, orgId: string, roles: MemberRole[], n: NewNotification): Promise<void> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, roles)));
  await notifyUsers(
    db,
    orgId,
    rows.map((r) => r.userId),
    n,
  );
}

/** A user's notifications for one organisation (and platform-wide ones), newest first. */
export async function listNotifications(db: Db, userId: string, orgId: string, limit = 20) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), sql`(${notifications.orgId} = ${orgId} or ${notifications.orgId} is null)`))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function countUnread(db: Db, userId: string, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        sql`(${notifications.orgId} = ${orgId} or ${notifications.orgId} is null)`,
      ),
    );
  return row.n;
}

/** Marks read only the caller's own notifications: another user's id changes nothing. */
export async function markNotificationsRead(db: Db, userId: string, ids: string[] | "all"): Promise<void> {
  const mine = eq(notifications.userId, userId);
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids === "all" ? and(mine, isNull(notifications.readAt)) : and(mine, inArray(notifications.id, ids)));
}
