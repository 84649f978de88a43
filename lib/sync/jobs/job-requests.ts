import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncJobRequests } from "@/db/schema";

/**
 * A claim no run has taken up for this long, while nothing of its kind ran for the organisation, is
 * taken as lost (an event Inngest accepted whose run died before starting): the next request queues
 * a run again. An event that never went out needs no such wait: every join sends the waiting run's
 * event again (sync-events.ts). Judged by the database's clock, the one that wrote the claim.
 */
export const STALE_REQUEST_MINUTES = 10;
/** A run started this long ago and never finished is taken as dead, not as holding others up. */
const RUN_ALIVE_HOURS = 6;

export interface PullScope {
  mode: "initial" | "incremental" | "full";
  resources?: string[] | null;
  /** A resync's own starting point: a pull from another date is other work. */
  since?: string | null;
}

/** One name per kind of work: the same pull (mode and resources) or the organisation's push. */
export function jobKey(job: { kind: "push" } | ({ kind: "pull" } & PullScope)): string {
  if (job.kind === "push") return "push";
  const resources = job.resources?.length ? [...new Set(job.resources)].sort().join(",") : "all";
  return `pull:${job.mode}:${resources}${job.since !== undefined ? `:since=${job.since ?? "start"}` : ""}`;
}

export type JobClaim = { outcome: "queued" | "joined"; queuedAt: Date };

/**
 * Pushes run one at a time per organisation, and so do pulls (all modes together): a pull claim may
 * wait its turn behind a long reconcile without being lost.
 */
const sameQueue = (other: string) => sql`split_part(${sql.raw(other)}.job, ':', 1) = split_part(${syncJobRequests.job}, ':', 1)`;

/** The waiting claim is lost: old, and nothing in its queue ran or finished lately to explain the wait. */
const lostClaim = sql`${syncJobRequests.queuedAt} < now() - make_interval(mins => ${STALE_REQUEST_MINUTES}) and not exists (
  select 1 from sync_job_requests other where other.org_id = ${syncJobRequests.orgId} and ${sameQueue("other")} and (
    (other.started_at > now() - make_interval(hours => ${RUN_ALIVE_HOURS}) and (other.finished_at is null or other.finished_at < other.started_at))
    or other.finished_at > now() - make_interval(mins => ${STALE_REQUEST_MINUTES})))`;

/**
 * Asks for a run of `job`: "queued" when the caller must start one (no run of it is waiting), or
 * "joined" when a run that has not started yet will do this work too. Both answer the waiting run's
 * queuedAt, which names its event. One statement decides, so concurrent requests on any number of
 * instances queue exactly one run.
 */
export async function claimJobRequest(db: Db, orgId: string, job: string): Promise<JobClaim> {
  for (let attempt = 0; ; attempt++) {
    const [row] = await db
      .insert(syncJobRequests)
      .values({ orgId, job, queuedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [syncJobRequests.orgId, syncJobRequests.job],
        set: { queuedAt: sql`now()` },
        setWhere: sql`${syncJobRequests.queuedAt} is null or (${lostClaim})`,
      })
      .returning({ queuedAt: syncJobRequests.queuedAt });
    if (row?.queuedAt) return { outcome: "queued", queuedAt: row.queuedAt };
    const [waiting] = await db
      .select({ queuedAt: syncJobRequests.queuedAt })
      .from(syncJobRequests)
      .where(and(eq(syncJobRequests.orgId, orgId), eq(syncJobRequests.job, job)));
    if (waiting?.queuedAt) return { outcome: "joined", queuedAt: waiting.queuedAt };
    // The run we would have joined started in between: claim again (it queues the next run).
    if (attempt >= 3) throw new Error(`could not claim ${job} for ${orgId}`);
  }
}

/** Gives back claims whose event could not be sent, so the next request queues a run afresh. */
export async function releaseJobClaims(db: Db, claims: { orgId: string; job: string; queuedAt: Date }[]): Promise<void> {
  for (const c of claims) {
    await db
      .update(syncJobRequests)
      .set({ queuedAt: null })
      .where(and(eq(syncJobRequests.orgId, c.orgId), eq(syncJobRequests.job, c.job), eq(syncJobRequests.queuedAt, c.queuedAt)));
  }
}

/**
 * The embedded driver starting: its queue lived in this process's memory, so every run it held is
 * gone. Their claims are cleared and the next request (the scheduled checks within minutes) queues
 * anew. Only for the embedded driver, which is one process; Inngest's queue outlives a restart.
 */
export async function releaseLostRequests(db: Db): Promise<void> {
  await db.update(syncJobRequests).set({ queuedAt: null }).where(isNotNull(syncJobRequests.queuedAt));
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
