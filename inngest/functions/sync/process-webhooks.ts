import { getDb } from "@/db";
import { foldReportTotals } from "@/lib/reports/report-totals";
import { processWebhookEvents } from "@/lib/sync/webhooks/process-events";
import { toXeroError } from "@/lib/xero/xero-error";
import { inngest } from "../../client";
import { perOrgConcurrency } from "../../org-concurrency";
import { SYNC_EVENTS, type WebhookReceived } from "../../events";
import { requestWebhookProcessing } from "../../sync-events";

/** Rounds per run: well inside Inngest's 1,000 steps with a sleep after each (10,000 changes need about 11). */
const MAX_ROUNDS = 200;

/**
 * Fetches what Xero's webhook events named, in batches, within seconds of the delivery: round after
 * round (each a step of at most CALLS_PER_ROUND calls that keeps what it did), sleeping Retry-After
 * on a 429, until nothing waits; a burst larger than one run's rounds queues the next run.
 */
export const processWebhooks = inngest.createFunction(
  { id: "sync-process-webhooks", triggers: [{ event: SYNC_EVENTS.webhook }], concurrency: perOrgConcurrency, retries: 5 },
  async ({ event, step }) => {
    const { orgId } = event.data as WebhookReceived;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const result = await step.run(`apply-${round}`, async () => {
        try {
          return { ok: true as const, ...(await processWebhookEvents(getDb(), orgId)) };
        } catch (error) {
          const xe = toXeroError(error);
          if (xe.code === "rate_limited") return { ok: false as const, waitSeconds: Math.max(1, xe.retryAfterSeconds ?? 60) };
          throw error;
        }
      });
      if (!result.ok) {
        await step.sleep(`wait-${round}`, `${result.waitSeconds}s`);
        continue;
      }
      if (result.remaining === 0) {
        // The reports' running totals gained rows for the contacts and days the changes touched: fold them back to one each.
        await step.run("fold-report-totals", () => foldReportTotals(getDb(), orgId));
        return { status: "done" };
      }
      // Only events that wait for a push's answer are left: give the push a moment to settle.
      if (result.calls === 0 && result.held > 0) await step.sleep(`hold-${round}`, "1s");
    }
    await step.run("continue", () => requestWebhookProcessing([orgId]));
    return { status: "more" };
  },
);
