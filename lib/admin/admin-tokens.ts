import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { adminRequestCounts, adminTokens, users } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { executePrepared } from "@/lib/prepared-query";
import { parseInput } from "@/lib/validation";
import { ADMIN_REQUESTS_PER_MINUTE } from "./admin-rate-limit";

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

export interface TokenAdmission {
  holder: TokenHolder;
  /** Counted only for a live admin's token. */
  admission: { allowed: boolean; retryAfter: number; remaining: number; limit: number } | null;
}

/**
 * Who holds the token and, for a live admin's token, this request counted against its minute: one
 * statement (a data-modifying CTE), since every admin API call pays for it. The minute's first
 * request sweeps the token's old windows; its last use is stamped at most once a minute.
 */
export async function admitAdminToken(db: Db, token: string, now = new Date(), limit = ADMIN_REQUESTS_PER_MINUTE): Promise<TokenAdmission> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { holder: { kind: "unknown" }, admission: null };
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const { rows } = await executePrepared<{ id: string; revoked_at: unknown; last_used_at: unknown; user_id: string; email: string; is_platform_admin: boolean; count: number | null }>(db, sql`
    with holder as (
      select t.id, t.revoked_at, t.last_used_at, u.id as user_id, u.email, u.is_platform_admin
      from ${adminTokens} t join ${users} u on u.id = t.user_id
      where t.token_hash = ${hashToken(token)}
    ), counted as (
      insert into ${adminRequestCounts} (bucket, minute, count)
      select 'token:' || holder.id, ${minute.toISOString()}::timestamptz, 1 from holder where holder.revoked_at is null and holder.is_platform_admin
      on conflict (bucket, minute) do update set count = ${adminRequestCounts}.count + 1
      returning count
    )
    select holder.*, (select count from counted) as count from holder`);
  const [row] = rows;
  if (!row) return { holder: { kind: "unknown" }, admission: null };
  const who = { tokenId: row.id, userId: row.user_id, email: row.email };
  if (row.revoked_at) return { holder: { kind: "revoked", ...who }, admission: null };
  if (!row.is_platform_admin) return { holder: { kind: "not_admin", ...who }, admission: null };
  const count = Number(row.count);
  if (count === 1) await db.delete(adminRequestCounts).where(and(eq(adminRequestCounts.bucket, `token:${row.id}`), lt(adminRequestCounts.minute, minute)));
  const lastUsed = row.last_used_at ? new Date(row.last_used_at as string) : null;
  if (!lastUsed || now.getTime() - lastUsed.getTime() > 60_000) await db.update(adminTokens).set({ lastUsedAt: sql`now()` }).where(and(eq(adminTokens.id, row.id), isNull(adminTokens.revokedAt)));
  const retryAfter = Math.max(1, Math.ceil((minute.getTime() + 60_000 - now.getTime()) / 1000));
  return { holder: { kind: "admin", ...who }, admission: { allowed: count <= limit, retryAfter, remaining: Math.max(0, limit - count), limit } };
}
