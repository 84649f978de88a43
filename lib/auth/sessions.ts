import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { authSessions, users } from "@/db/schema";

/** As long as the session cookie: 30 days, renewed while the session is used. */
export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60_000;
/** Renew the expiry at most hourly, so a busy user does not write on every request. */
const RENEW_AFTER_MS = 60 * 60_000;

export async function createSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({ userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MS) })
    .returning({ id: authSessions.id });
  return row.id;
}

/** The user of a live session (not revoked, not expired), renewing it when due; null otherwise. */
export async function findSessionUser(db: Db, sessionId: string, userId: string, now = new Date()) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, isPlatformAdmin: users.isPlatformAdmin, lastSeenAt: authSessions.lastSeenAt })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > RENEW_AFTER_MS) {
    await db
      .update(authSessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MS) })
      .where(eq(authSessions.id, sessionId));
  }
  const { lastSeenAt: _seen, ...user } = row; // eslint-disable-line @typescript-eslint/no-unused-vars
  return user;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(authSessions).set({ revokedAt: sql`now()` }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/** Ends every session of a user (removed from an organisation, password changed), optionally but one. */
export async function revokeUserSessions(db: Db, userId: string, options: { except?: string } = {}): Promise<number> {
  const revoked = await db
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), options.except ? ne(authSessions.id, options.except) : undefined))
    .returning({ id: authSessions.id });
  return revoked.length;
}
