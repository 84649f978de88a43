import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations } from "@/db/schema";
import { getEnv } from "@/lib/env";

/** Rows deleted per statement: short statements keep locks short on a busy table. */
const BATCH = 5000;

export interface PruneResult {
  requestLog: number;
  webhookEvents: number;
  syncedOutbox: number;
  syncLog: number;
}

/**
 * Keeps the sync's history from growing without end (polling alone once wrote ~2,600 request-log
 * rows a tenant a day). Per organisation, so each delete walks its (org, time) index: Xero's
 * request log, processed webhook events, settled outbox rows (the newest row of each record stays:
 * the record pages read it), and the sync log. Repeating it is harmless.
 */
export async function pruneSyncHistory(db: Db, now = new Date(), days = getEnv().retentionDays): Promise<PruneResult> {
  const cutoff = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const orgIds = (await db.select({ id: organizations.id }).from(organizations)).map((o) => o.id);
  const total: PruneResult = { requestLog: 0, webhookEvents: 0, syncedOutbox: 0, syncLog: 0 };
  for (const orgId of orgIds) {
    total.requestLog += await deleteInBatches(db, (limit) => sql`delete from xero_request_log where id in (select id from xero_request_log where org_id = ${orgId} and created_at < ${cutoff(days.requestLog)} limit ${limit})`);
    total.webhookEvents += await deleteInBatches(db, (limit) => sql`delete from xero_webhook_events where id in (select id from xero_webhook_events where org_id = ${orgId} and processed_at < ${cutoff(days.webhookEvents)} limit ${limit})`);
    total.syncedOutbox += await deleteInBatches(
      db,
      (limit) => sql`delete from sync_items where id in (
        select s.id from sync_items s
        where s.org_id = ${orgId} and s.status in ('synced', 'skipped') and s.updated_at < ${cutoff(days.syncedOutbox)}
          and exists (select 1 from sync_items n where n.org_id = s.org_id and n.entity_type = s.entity_type and n.entity_id = s.entity_id and n.created_at > s.created_at)
        limit ${limit})`,
    );
    total.syncLog += await deleteInBatches(db, (limit) => sql`delete from sync_log where id in (select id from sync_log where org_id = ${orgId} and at < ${cutoff(days.syncLog)} limit ${limit})`);
  }
  return total;
}

async function deleteInBatches(db: Db, statement: (limit: number) => ReturnType<typeof sql>): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db.execute(statement(BATCH));
    const n = (result as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as unknown as { affectedRows?: number }).affectedRows ?? 0;
    deleted += n;
    if (n < BATCH) return deleted;
  }
}
