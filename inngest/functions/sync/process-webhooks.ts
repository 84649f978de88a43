import { getDb } from "@/db";
import { processWebhookEvents } from "@/lib/sync/webhooks/process-events";
import { toXeroError } from "@/lib/xero/xero-error";
import { inngest } from "../../client";
import { SYNC_EVENTS, type WebhookReceived } from "../../events";

/** Fetches what Xero's webhook events named, in batches, within seconds of the delivery. */
export const processWebhooks = inngest.createFunction(
  { id: "sync-process-webhooks", triggers: [{ event: SYNC_EVENTS.webhook }], concurrency: { key: "event.data.orgId", limit: 1 }, retries: 5 },
  async ({ event, step }) => {
    const { orgId } = event.data as WebhookReceived;
    for (let round = 0; round < 20; round++) {
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
      if (result.events === 0) return { status: "done" };
    }
    return { status: "more" };
  },
);
