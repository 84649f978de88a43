import { getDb } from "@/db";
import { deliverDueWebhooks } from "@/lib/alerts/deliver-webhooks";
import { inngest } from "../../client";

export const ALERT_WEBHOOKS_CRON = "* * * * *";

/** Posts the alert messages that are due to their organisations' webhooks (bounded retries live on each row). */
export const deliverAlertWebhooks = inngest.createFunction({ id: "alerts-deliver-webhooks", triggers: [{ cron: ALERT_WEBHOOKS_CRON }], retries: 0, concurrency: { limit: 1 } }, async ({ step }) =>
  step.run("deliver-due", async () => {
    const total = { delivered: 0, retrying: 0, failed: 0 };
    // A few batches per run: a backlog drains within the minute without one run holding on forever.
    for (let batch = 0; batch < 5; batch++) {
      const done = await deliverDueWebhooks(getDb());
      total.delivered += done.delivered;
      total.retrying += done.retrying;
      total.failed += done.failed;
      if (done.delivered + done.retrying + done.failed < 20) break;
    }
    return total;
  }),
);
