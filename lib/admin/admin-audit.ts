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

interface PendingBatch {
  rows: (typeof adminAudit.$inferInsert)[];
  written: Promise<void>;
}
const pending = new WeakMap<Db, PendingBatch>();

/**
 * Appends one admin action to the audit (who, what, on which tenant, the answer). Never holds a
 * token or a body's secrets. Group commit: the calls that finish in the same turn of the event loop
 * share one insert, and each waits for it, so every answer still goes out only once its audit row is
 * written, and a busy admin API writes one statement for many calls instead of one each.
 */
export function auditAdminAction(db: Db, entry: AuditEntry): Promise<void> {
  let batch = pending.get(db);
  if (!batch) {
    const rows: PendingBatch["rows"] = [];
    const written = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      pending.delete(db);
      // One bad row (its admin deleted meanwhile) must not take the others with it: then one by one.
      await db.insert(adminAudit).values(rows).catch(async () => {
        for (const row of rows) await db.insert(adminAudit).values(row).catch(() => db.insert(adminAudit).values({ ...row, userId: null, tokenId: null }));
      });
    });
    batch = { rows, written };
    pending.set(db, batch);
  }
  batch.rows.push({ ...entry, tokenId: entry.tokenId ?? null, orgId: entry.orgId ?? null, details: entry.details ?? null });
  return batch.written;
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
