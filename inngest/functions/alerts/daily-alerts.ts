import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { raiseLeakageDigest } from "@/lib/alerts/leakage-digest";
import { raiseOverdueAlerts } from "@/lib/alerts/overdue-alerts";
import { todayIn } from "@/lib/calendar";
import { inngest } from "../../client";

/** Early morning UTC: before the working day in Europe, the evening before in the Americas. */
export const DAILY_ALERTS_CRON = "TZ=UTC 15 6 * * *";

/**
 * Each morning, for every organisation: the overdue alert (invoices that moved into an ageing
 * stage by the organisation's own today) and the digest of new revenue leakage. Both raise each
 * subject once, so a retry or a second run sends nothing twice; one organisation's failure is
 * reported in the result and does not stop the others'.
 */
export const raiseDailyAlerts = inngest.createFunction({ id: "alerts-daily", triggers: [{ cron: DAILY_ALERTS_CRON }], retries: 2 }, async ({ step }) => {
  const orgs = await step.run("organisations", async () => getDb().select({ id: organizations.id, timezone: organizations.timezone }).from(organizations));
  let overdue = 0;
  let leakage = 0;
  const failed: { orgId: string; message: string }[] = [];
  for (const org of orgs) {
    const outcome = await step.run(`alerts-${org.id}`, async () => {
      try {
        const o = await raiseOverdueAlerts(getDb(), org.id, todayIn(org.timezone));
        const l = await raiseLeakageDigest(getDb(), org.id);
        return { ok: true as const, overdue: o.invoices, leakage: l.rows };
      } catch (error) {
        return { ok: false as const, message: error instanceof Error ? error.message : String(error) };
      }
    });
    if (outcome.ok) {
      overdue += outcome.overdue;
      leakage += outcome.leakage;
    } else failed.push({ orgId: org.id, message: outcome.message });
  }
  return { organisations: orgs.length, overdue, leakage, failed };
});
