import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { syncLog } from "@/db/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SyncLogFilter {
  recordId?: string;
  direction?: "push" | "pull";
  result?: "ok" | "failed" | "skipped" | "conflict";
  from?: Date;
  to?: Date;
  /** Keyset paging: rows strictly older than this (at, id). */
  before?: { at: Date; id: string };
  limit?: number;
}

/** The sync log, newest first, filtered by record, direction, result and time; keyset-paged so page 100 costs what page 1 does. */
export async function listSyncLog(db: Db, orgId: string, f: SyncLogFilter = {}) {
  const where: (SQL | undefined)[] = [eq(syncLog.orgId, orgId)];
  if (f.recordId) where.push(UUID.test(f.recordId) ? or(eq(syncLog.recordId, f.recordId), eq(syncLog.xeroId, f.recordId)) : eq(syncLog.xeroId, f.recordId));
  if (f.direction) where.push(eq(syncLog.direction, f.direction));
  if (f.result) where.push(eq(syncLog.result, f.result));
  if (f.from) where.push(gte(syncLog.at, f.from));
  if (f.to) where.push(lte(syncLog.at, f.to));
  if (f.before) where.push(or(lt(syncLog.at, f.before.at), and(eq(syncLog.at, f.before.at), lt(syncLog.id, f.before.id))));
  const limit = f.limit ?? 100;
  const rows = await db
    .select()
    .from(syncLog)
    .where(and(...where))
    .orderBy(desc(syncLog.at), desc(syncLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
