import { getDb } from "@/db";
import { drainOutbox } from "@/lib/sync/drain-outbox";
import { finishJobRun, jobKey, startJobRun } from "@/lib/sync/jobs/job-requests";
import { inngest } from "../../client";
import { perOrgConcurrency } from "../../org-concurrency";
import { SYNC_EVENTS, type PushRequested } from "../../events";

const MAX_ROUNDS = 200;

/**
 * Drains one organisation's outbox to Xero, a bounded slice per step. On a rate limit the step
 * answers how long to wait and the function sleeps that long (step.sleep, never a busy wait); a
 * paused connection ends the run (re-authorising queues a new one). One run per organisation at a
 * time, but correctness does not depend on it: rows are claimed in Postgres. A burst of requests is
 * one run (debounced per organisation; in Postgres, a request joins a run not started yet).
 */
export const pushOutbox = inngest.createFunction(
  {
    id: "sync-push-outbox",
    triggers: [{ event: SYNC_EVENTS.push }],
    concurrency: perOrgConcurrency,
    debounce: { key: "event.data.orgId", period: "1s", timeout: "5s" },
    retries: 5,
  },
  async ({ event, step }) => {
    const { orgId, trigger, job = jobKey({ kind: "push" }) } = event.data as PushRequested;
    await step.run("start", () => startJobRun(getDb(), orgId, job));
    const result = await drain();
    await step.run("finish", () => finishJobRun(getDb(), orgId, job));
    return result;

    async function drain() {
      let sent = 0;
      let failed = 0;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const outcome = await step.run(`drain-${round}`, () => drainOutbox(getDb(), orgId, trigger));
        if (outcome.kind === "done") return { status: "done", sent: sent + outcome.sent, failed: failed + outcome.failed };
        if (outcome.kind === "paused") return { status: "paused", reason: outcome.reason, sent, failed };
        if (outcome.kind === "wait") {
          await step.sleep(`wait-${round}`, `${Math.min(outcome.seconds, 3600)}s`);
          continue;
        }
        sent += outcome.sent;
        failed += outcome.failed;
      }
      return { status: "more", sent, failed };
    }
  },
);
