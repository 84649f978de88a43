import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { signInFailures } from "@/db/schema";

/**
 * Two limits on failed sign-ins, both counted in Postgres so they hold across instances:
 * - per account, whatever the client claims its address is: 5 failures lock the email for 15
 *   minutes (a cool-down a real user can wait out), so guessing from many addresses gains nothing;
 * - per client address, only when the operator declared a proxy header it trusts
 *   (TRUSTED_PROXY_IP_HEADER): 20 failures across any accounts lock that address for 15 minutes.
 * A client-supplied X-Forwarded-For is never trusted by default: it would let anyone pick a fresh
 * "address" per try.
 */
export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_MAX_FAILURES_PER_IP = 20;
export const SIGN_IN_WINDOW_MINUTES = 15;

export interface SignInLimitKey {
  key: string;
  max: number;
}

export function signInKeys(email: string, ip: string | null): SignInLimitKey[] {
  const keys = [{ key: `account:${email.trim().toLowerCase()}`, max: SIGN_IN_MAX_FAILURES }];
  if (ip) keys.push({ key: `ip:${ip}`, max: SIGN_IN_MAX_FAILURES_PER_IP });
  return keys;
}

/** Minutes left in the longest lock-out among the keys, or 0 when a try is allowed. */
export async function signInLockMinutes(db: Db, keys: SignInLimitKey[], now = new Date()): Promise<number> {
  const rows = await db
    .select()
    .from(signInFailures)
    .where(inArray(signInFailures.key, keys.map((k) => k.key)));
  let minutes = 0;
  for (const row of rows) {
    const max = keys.find((k) => k.key === row.key)!.max;
    if (row.failures < max) continue;
    const endsAt = row.windowStartedAt.getTime() + SIGN_IN_WINDOW_MINUTES * 60_000;
    if (endsAt > now.getTime()) minutes = Math.max(minutes, Math.ceil((endsAt - now.getTime()) / 60_000));
  }
  return minutes;
}

/** Counts a failure against every key; a window older than the limit starts over. One statement per key, so races add up. */
export async function recordSignInFailure(db: Db, keys: SignInLimitKey[], now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000).toISOString();
  for (const { key } of keys) {
    await db
      .insert(signInFailures)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInFailures.key,
        set: {
          failures: sql`case when ${signInFailures.windowStartedAt} < ${windowStart}::timestamptz then 1 else ${signInFailures.failures} + 1 end`,
          windowStartedAt: sql`case when ${signInFailures.windowStartedAt} < ${windowStart}::timestamptz then ${now.toISOString()}::timestamptz else ${signInFailures.windowStartedAt} end`,
        },
      });
  }
}

/** A successful sign-in clears the account's count (not the address's: others may share it). */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, signInKeys(email, null)[0].key));
}
