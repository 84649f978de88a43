import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { signInFailures } from "@/db/schema";

export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;

export function signInKey(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}

/** Minutes left in the lock-out, or 0 when this email+IP may try again. */
export async function signInLockMinutes(db: Db, key: string, now = new Date()): Promise<number> {
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.key, key));
  if (!row || row.failures < SIGN_IN_MAX_FAILURES) return 0;
  const endsAt = row.windowStartedAt.getTime() + SIGN_IN_WINDOW_MINUTES * 60_000;
  return endsAt > now.getTime() ? Math.ceil((endsAt - now.getTime()) / 60_000) : 0;
}

/** Counts a failure; a window older than the limit starts over. One statement, so races add up. */
export async function recordSignInFailure(db: Db, key: string, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  await db
    .insert(signInFailures)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${signInFailures.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${signInFailures.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInFailures.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${signInFailures.windowStartedAt} end`,
      },
    });
}

export async function clearSignInFailures(db: Db, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}
