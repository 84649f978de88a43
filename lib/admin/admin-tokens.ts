import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { adminTokens, users } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const TOKEN_PREFIX = "lba_";
/** Tokens carry 256 random bits, so a fast hash is enough: nothing to brute-force. */
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const adminTokenInput = z.object({
  name: z.string().trim().min(1, "name: give the token a name (what or who uses it).").max(80, "name: at most 80 characters."),
});

/** A new token for a platform admin: the token itself is returned once and only its hash is kept. */
export async function createAdminToken(db: Db, userId: string, input: { name: string }): Promise<{ id: string; token: string; prefix: string }> {
  const { name } = parseInput(adminTokenInput, input);
  const [user] = await db.select({ isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId));
  if (!user?.isPlatformAdmin) throw new AppError("forbidden", "Only platform admins hold admin tokens.");
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, 12);
  const [row] = await db.insert(adminTokens).values({ userId, name, prefix, tokenHash: hashToken(token) }).returning({ id: adminTokens.id });
  return { id: row.id, token, prefix };
}

export async function listAdminTokens(db: Db) {
  return db
    .select({ id: adminTokens.id, name: adminTokens.name, prefix: adminTokens.prefix, createdAt: adminTokens.createdAt, lastUsedAt: adminTokens.lastUsedAt, revokedAt: adminTokens.revokedAt, email: users.email })
    .from(adminTokens)
    .innerJoin(users, eq(users.id, adminTokens.userId))
    .orderBy(desc(adminTokens.createdAt));
}

export async function revokeAdminToken(db: Db, id: string): Promise<void> {
  const rows = await db
    .update(adminTokens)
    .set({ revokedAt: sql`coalesce(${adminTokens.revokedAt}, now())` })
    .where(eq(adminTokens.id, id))
    .returning({ id: adminTokens.id });
  if (!rows.length) throw notFound("That admin token");
}

export type TokenHolder =
  | { kind: "admin"; tokenId: string; userId: string; email: string }
  | { kind: "unknown" }
  | { kind: "revoked"; tokenId: string; userId: string; email: string }
  | { kind: "not_admin"; tokenId: string; userId: string; email: string };

/** Who holds a bearer token: a platform admin, a revoked token, a user who is no longer an admin, or nobody. Marks it used (at most once a minute). */
export async function adminTokenHolder(db: Db, token: string): Promise<TokenHolder> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { kind: "unknown" };
  const [row] = await db
    .select({ id: adminTokens.id, revokedAt: adminTokens.revokedAt, lastUsedAt: adminTokens.lastUsedAt, userId: users.id, email: users.email, isPlatformAdmin: users.isPlatformAdmin })
    .from(adminTokens)
    .innerJoin(users, eq(users.id, adminTokens.userId))
    .where(eq(adminTokens.tokenHash, hashToken(token)));
  if (!row) return { kind: "unknown" };
  const who = { tokenId: row.id, userId: row.userId, email: row.email };
  if (row.revokedAt) return { kind: "revoked", ...who };
  if (!row.isPlatformAdmin) return { kind: "not_admin", ...who };
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(adminTokens).set({ lastUsedAt: sql`now()` }).where(and(eq(adminTokens.id, row.id), isNull(adminTokens.revokedAt)));
  }
  return { kind: "admin", ...who };
}
