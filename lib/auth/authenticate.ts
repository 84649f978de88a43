import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users, type User } from "@/db/schema";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clearSignInFailures, recordSignInFailure, signInKeys, signInLockMinutes } from "./sign-in-limiter";

export type AuthenticateResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "locked"; minutes: number };

/**
 * Checks email + password, enforcing the per-account limit and, when the client address comes from
 * a trusted proxy header, the per-address one. `ip` is null when no such header is configured.
 */
export async function authenticate(db: Db, email: string, password: string, ip: string | null): Promise<AuthenticateResult> {
  const keys = signInKeys(email, ip);
  const minutes = await signInLockMinutes(db, keys);
  if (minutes > 0) return { ok: false, reason: "locked", minutes };

  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  const valid = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  if (!user || !valid) {
    await recordSignInFailure(db, keys);
    return { ok: false, reason: "invalid_credentials" };
  }
  await clearSignInFailures(db, email);
  return { ok: true, user };
}
