import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, organizations, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { CrmActor } from "@/lib/crm/crm-actor";

const KEY_PREFIX = "lb_";
/** Keys carry 192 random bits, so a fast hash is enough: nothing to brute-force. */
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export async function createApiKey(
  db: Db,
  input: { orgId: string; name: string; scope: "read" | "write"; canSeeAmounts: boolean; createdBy: string | null },
): Promise<{ id: string; key: string }> {
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ ...input, prefix: key.slice(0, 10), keyHash: hashApiKey(key) })
    .returning({ id: apiKeys.id });
  return { id: row.id, key };
}

export async function listApiKeys(db: Db, orgId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      canSeeAmounts: apiKeys.canSeeAmounts,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdByName: users.name,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, orgId: string, id: string): Promise<void> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)))
    .returning({ id: apiKeys.id });
  if (!rows.length) throw notFound("That API key");
}

/** The actor behind a bearer key, or null for an unknown or revoked key. Marks it used (at most once a minute). */
export async function actorForApiKey(db: Db, key: string): Promise<{ actor: CrmActor; apiKeyId: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const [row] = await db
    .select({ key: apiKeys, org: organizations })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  if (!row.key.lastUsedAt || Date.now() - row.key.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.key.id));
  }
  const actor: CrmActor = {
    orgId: row.org.id,
    userId: null,
    role: "api",
    canSeeAmounts: row.key.canSeeAmounts,
    canWrite: row.key.scope === "write",
    via: "api",
    org: { baseCurrency: row.org.baseCurrency, defaultPaymentTermDays: row.org.defaultPaymentTermDays },
  };
  return { actor, apiKeyId: row.key.id };
}
