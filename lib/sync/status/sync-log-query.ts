import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { syncLog } from "@/db/schema";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { assertCan } from "@/lib/tenancy/roles";

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

/** A document's amount, kept out of the free-text message so it can follow the amounts rule. */
export interface LoggedAmount {
  total: string;
  currency: string;
}

/**
 * The sync log, newest first, filtered by record, direction, result and time; keyset-paged so
 * page 100 costs what page 1 does. Sync operators only; amounts only for those who see money.
 */
export async function listSyncLog(db: Db, ctx: Pick<OrgContext, "org" | "role" | "canSeeAmounts">, f: SyncLogFilter = {}) {
  assertCan(ctx, "sync:operate");
  const orgId = ctx.org.id;
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
  const shown = rows.slice(0, limit).map(({ details, ...row }) => ({ ...row, amount: ctx.canSeeAmounts ? loggedAmount(details) : null }));
  return { rows: shown, more: rows.length > limit };
}

function loggedAmount(details: Record<string, unknown> | null): LoggedAmount | null {
  const amount = details?.amount as Partial<LoggedAmount> | undefined;
  return typeof amount?.total === "string" && typeof amount.currency === "string" ? { total: amount.total, currency: amount.currency } : null;
}
