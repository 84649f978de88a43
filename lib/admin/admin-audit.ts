import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { adminAudit } from "@/db/schema";

export interface AuditEntry {
  userId: string | null;
  actor: string;
  via: "token" | "session" | "cli";
  tokenId?: string | null;
  orgId?: string | null;
  action: string;
  status: number;
  details?: Record<string, unknown>;
}

/** Appends one admin action to the audit (who, what, on which tenant, the answer). Never holds a token or a body's secrets. */
export async function auditAdminAction(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(adminAudit).values({ ...entry, tokenId: entry.tokenId ?? null, orgId: entry.orgId ?? null, details: entry.details ?? null });
}

/** The newest admin actions, across the platform or on one tenant. */
export async function listAdminAudit(db: Db, filter: { orgId?: string; limit?: number } = {}) {
  return db
    .select()
    .from(adminAudit)
    .where(filter.orgId ? eq(adminAudit.orgId, filter.orgId) : undefined)
    .orderBy(desc(adminAudit.at))
    .limit(Math.min(filter.limit ?? 50, 200));
}
