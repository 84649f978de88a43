import { getDb } from "@/db";
import { claimJobRequest, jobKey, releaseJobClaims } from "@/lib/sync/jobs/job-requests";
import { getLogger } from "@/lib/log/logger";
import { SYNC_EVENTS, type PullRequested, type SyncTriggerName } from "./events";
import { sendEvents, type JobEvent } from "./send-event";

export type SyncRequest = { kind: "push"; orgId: string; trigger: SyncTriggerName } | ({ kind: "pull" } & Omit<PullRequested, "job">);
export type RequestOutcome = "queued" | "joined";

/**
 * Every pull and push goes through here (portal, API, webhooks' follow-ups, schedules): a request
 * while the same work waits to start joins it (Postgres decides, so instances agree), otherwise it
 * queues a run. Either way the waiting run's event is sent, with an id naming that run: Inngest (and
 * the embedded queue) start nothing for an id seen before, and a run whose event was lost (a send
 * that failed, a process that died after claiming) is started by the next request, a schedule's at
 * the latest. A send that throws gives back the claims it made and throws.
 */
export async function sendSyncRequests(requests: SyncRequest[], { send = sendEvents }: { send?: (events: JobEvent[]) => Promise<void> } = {}): Promise<RequestOutcome[]> {
  const db = getDb();
  const events: JobEvent[] = [];
  const queued: { orgId: string; job: string; queuedAt: Date }[] = [];
  const outcomes: RequestOutcome[] = [];
  for (const request of requests) {
    const job = request.kind === "push" ? jobKey({ kind: "push" }) : jobKey({ kind: "pull", mode: request.mode, resources: request.resources, since: request.since });
    const claim = await claimJobRequest(db, request.orgId, job);
    outcomes.push(claim.outcome);
    if (claim.outcome === "queued") queued.push({ orgId: request.orgId, job, queuedAt: claim.queuedAt });
    const { kind, ...data } = request;
    events.push({ name: kind === "push" ? SYNC_EVENTS.push : SYNC_EVENTS.pull, data: { ...data, job }, id: `${job}:${request.orgId}:${claim.queuedAt.getTime()}` });
  }
  try {
    await send(events);
  } catch (error) {
    await releaseJobClaims(db, queued);
    throw error;
  }
  return outcomes;
}

/**
 * A request to sync is a nudge, never a condition of the change that caused it: the change and its
 * outbox row are already committed, and the minute's due-outbox check finds them (an unsent request
 * holds no claim, see above). So a failure to send is logged, not thrown at the person who saved.
 */
const nudge = (request: SyncRequest): Promise<RequestOutcome | undefined> =>
  sendSyncRequests([request]).then(
    ([outcome]) => outcome,
    (error: unknown) => void getLogger().warn({ err: error, request: request.kind }, "sync request not sent; the scheduled check will pick it up"),
  );

/** Push this organisation's outbox now (a portal change, a retry): the invoice is in Xero within seconds. */
export const requestPush = (orgId: string, trigger: SyncTriggerName = "push") => nudge({ kind: "push", orgId, trigger });

export const requestPull = (data: Omit<PullRequested, "job">) => nudge({ kind: "pull", ...data });

export const requestWebhookProcessing = (orgIds: string[]) =>
  sendEvents(orgIds.map((orgId) => ({ name: SYNC_EVENTS.webhook, data: { orgId } }))).catch((error: unknown) => getLogger().warn({ err: error }, "webhook processing not queued; the next pull picks the changes up"));

/** A connection made or re-authorised: the first import (then the push) starts. */
export const announceConnection = (orgId: string) => sendEvents([{ name: SYNC_EVENTS.connected, data: { orgId } }]).catch((error: unknown) => getLogger().warn({ err: error }, "first import not queued; the scheduled pull will start it"));
