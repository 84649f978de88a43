import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncJobRequests } from "@/db/schema";

/**
 * A request that waits this long without its run starting is taken as lost (an event that never
 * arrived, a process that died): the next request queues a run again rather than joining nothing.
 */
export const STALE_REQUEST_MS = 10 * 60_000;

export interface PullScope {
  mode: "initial" | "incremental" | "full";
  resources?: string[] | null;
}

/** One name per kind of work: the same pull (mode and resources) or the organisation's push. */
export function jobKey(job: { kind: "push" } | ({ kind: "pull" } & PullScope)): string {
  if (job.kind === "push") return "push";
  const resources = job.resources?.length ? [...new Set(job.resources)].sort().join(",") : "all";
  return `pull:${job.mode}:${resources}`;
}

export type JobClaim = { outcome: "queued"; queuedAt: Date } | { outcome: "joined" };

/**
 * Asks for a run of `job`: "queued" when the caller must start one (no run of it is waiting), or
 * "joined" when a run that has not started yet will do this work too. One statement, so concurrent
 * requests on any number of instances queue exactly one run.
 */
export async function claimJobRequest(db: Db, orgId: string, job: string): Promise<JobClaim> {
  const stale = new Date(Date.now() - STALE_REQUEST_MS);
  const [row] = await db
    .insert(syncJobRequests)
    .values({ orgId, job, queuedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [syncJobRequests.orgId, syncJobRequests.job],
      set: { queuedAt: sql`now()` },
      setWhere: sql`${syncJobRequests.queuedAt} is null or ${syncJobRequests.queuedAt} < ${stale}`,
    })
    .returning({ queuedAt: syncJobRequests.queuedAt });
  return row?.queuedAt ? { outcome: "queued", queuedAt: row.queuedAt } : { outcome: "joined" };
}

/** A run begins: requests from now on queue the next run, since this one may have passed what they want. */
export async function startJobRun(db: Db, orgId: string, job: string): Promise<void> {
  await db
    .insert(syncJobRequests)
    .values({ orgId, job, queuedAt: null, startedAt: sql`now()` })
    .onConflictDoUpdate({ target: [syncJobRequests.orgId, syncJobRequests.job], set: { queuedAt: null, startedAt: sql`now()` } });
}

export async function finishJobRun(db: Db, orgId: string, job: string): Promise<void> {
  await db
    .update(syncJobRequests)
    .set({ finishedAt: sql`now()` })
    .where(and(eq(syncJobRequests.orgId, orgId), eq(syncJobRequests.job, job)));
}
