import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { adminResyncRuns, syncCursors } from "@/db/schema";
import { walkIsLive, type PullResource } from "@/lib/sync/pull/pull-resources";
import { prepareResync, RESYNC_PULLS, resyncInput, type ResyncType } from "@/lib/sync/resync";
import { parseInput } from "@/lib/validation";

export interface AdminResyncRun {
  sync_type: ResyncType;
  since: string | null;
  run_id: string;
}

/**
 * The guide's Force Full Resync: each type's Xero lists are read again from `since` (their cursors
 * set back, so the pull asks If-Modified-Since that instant; from the beginning without one), and
 * our side's records changed since then are queued again. One run per type, whose progress is its
 * cursors'. The caller then asks for the pull and the push.
 */
export async function startAdminResync(db: Db, orgId: string, body: unknown, requestedBy: string): Promise<{ runs: AdminResyncRun[]; resources: PullResource[]; since: string | null; walkFrom: Record<string, string | null> }> {
  const input = parseInput(resyncInput, body);
  const types = [...new Set(input.sync_types)];
  const prepared = await prepareResync(db, orgId, { sync_types: types, since: input.since?.toISOString() ?? null });
  const rows = await db
    .insert(adminResyncRuns)
    .values(types.map((t) => ({ orgId, syncType: t, since: prepared.since ? new Date(prepared.since) : null, resources: [...RESYNC_PULLS[t]], requestedBy, queued: prepared.queued })))
    .returning();
  return { runs: rows.map((r) => ({ sync_type: r.syncType as ResyncType, since: r.since?.toISOString() ?? null, run_id: r.id })), resources: prepared.resources, since: prepared.since, walkFrom: prepared.walkFrom };
}

export interface ResyncRunProgress {
  runId: string;
  syncType: string;
  since: Date | null;
  requestedAt: Date;
  state: "queued" | "running" | "done" | "failed";
  done: number;
  total: number | null;
  error: string | null;
}

/** The newest resyncs of a tenant with their progress, read from the cursors of the lists they re-read. */
export async function listResyncRuns(db: Db, orgId: string, limit = 10): Promise<ResyncRunProgress[]> {
  const runs = await db.select().from(adminResyncRuns).where(eq(adminResyncRuns.orgId, orgId)).orderBy(desc(adminResyncRuns.requestedAt)).limit(limit);
  const resources = [...new Set(runs.flatMap((r) => r.resources))];
  const cursors = resources.length ? await db.select().from(syncCursors).where(and(eq(syncCursors.orgId, orgId), inArray(syncCursors.resource, resources))) : [];
  return runs.map((run) => {
    const mine = cursors.filter((c) => run.resources.includes(c.resource));
    const running = mine.filter((c) => walkIsLive(c.runningSince) && c.runningSince! >= run.requestedAt);
    const finished = mine.length === run.resources.length && mine.every((c) => c.lastPullAt && c.lastPullAt >= run.requestedAt && !walkIsLive(c.runningSince));
    const error = mine.find((c) => c.lastError)?.lastError ?? null;
    const state = running.length ? "running" : finished ? "done" : error ? "failed" : "queued";
    return {
      runId: run.id,
      syncType: run.syncType,
      since: run.since,
      requestedAt: run.requestedAt,
      state,
      done: running.reduce((n, c) => n + c.progressDone, 0),
      total: running.length && running.every((c) => c.progressTotal !== null) ? running.reduce((n, c) => n + (c.progressTotal ?? 0), 0) : null,
      error: state === "failed" ? error : null,
    };
  });
}
