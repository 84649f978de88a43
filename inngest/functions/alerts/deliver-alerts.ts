import { getDb } from "@/db";
import { deliverDueAlerts } from "@/lib/alerts/deliver-alerts";
import { inngest } from "../../client";

export const ALERT_DELIVERY_CRON = "* * * * *";

/** Sends the alert emails and webhook posts that are due (bounded retries live on each row). */
export const deliverAlerts = inngest.createFunction({ id: "alerts-deliver", triggers: [{ cron: ALERT_DELIVERY_CRON }], retries: 0, concurrency: { limit: 1 } }, async ({ step }) => step.run("deliver-due", () => deliverDueAlerts(getDb())));
