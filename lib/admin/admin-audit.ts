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

type AuditRow = typeof adminAudit.$inferInsert;

interface PendingBatch {
  rows: AuditRow[];
  /** Each row's own outcome: one row that cannot be written fails only its own caller. */
  outcomes: { resolve: () => void; reject: (error: unknown) => void }[];
}
const pending = new WeakMap<Db, PendingBatch>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Appends one admin action to the audit (who, what, on which tenant, the answer). Never holds a
 * token or a body's secrets. Group commit: the calls that finish in the same turn of the event loop
 * share one insert, and each waits for its own row, so every answer still goes out only once its
 * audit row is written, and a busy admin API writes one statement for many calls instead of one each.
 */
export function auditAdminAction(db: Db, entry: AuditEntry): Promise<void> {
  let batch = pending.get(db);
  if (!batch) {
    const started: PendingBatch = { rows: [], outcomes: [] };
    batch = started;
    pending.set(db, started);
    setImmediate(() => {
      pending.delete(db);
      void writeBatch(db, started);
    });
  }
  batch.rows.push(auditRow(entry));
  const { outcomes } = batch;
  return new Promise<void>((resolve, reject) => outcomes.push({ resolve, reject }));
}

/**
 * The row as it can be stored: its own time (rows of one batch keep their order), and a tenant id
 * that is not one (a caller's bad input) kept in the details instead of failing the insert.
 */
function auditRow(entry: AuditEntry): AuditRow {
  const orgId = entry.orgId ?? null;
  const validOrg = orgId === null || UUID.test(orgId);
  return {
    ...entry,
    at: new Date(),
    tokenId: entry.tokenId ?? null,
    orgId: validOrg ? orgId : null,
    details: validOrg ? (entry.details ?? null) : { ...(entry.details ?? {}), organizationId: String(orgId).slice(0, 100) },
  };
}

async function writeBatch(db: Db, batch: PendingBatch): Promise<void> {
  try {
    await db.insert(adminAudit).values(batch.rows);
    for (const o of batch.outcomes) o.resolve();
    return;
  } catch {
    // One bad row must not take the others with it: each alone, then without what may have failed.
  }
  for (const [i, row] of batch.rows.entries()) {
    try {
      await writeAlone(db, row);
      batch.outcomes[i].resolve();
    } catch (error) {
      batch.outcomes[i].reject(error);
    }
  }
}

/** A row alone; then without the references that may be gone (its admin or token deleted meanwhile); then without its details (a value jsonb cannot hold). */
async function writeAlone(db: Db, row: AuditRow): Promise<void> {
  const attempts: AuditRow[] = [row, { ...row, userId: null, tokenId: null }, { ...row, userId: null, tokenId: null, details: { unrecordable: "the details could not be stored" } }];
  let last: unknown;
  for (const attempt of attempts) {
    try {
      await db.insert(adminAudit).values(attempt);
      return;
    } catch (error) {
      last = error;
    }
  }
  throw last;
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
