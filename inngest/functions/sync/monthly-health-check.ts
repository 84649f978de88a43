import { getDb } from "@/db";
import { organisationsDueForHealthCheck, runHealthCheck } from "@/lib/sync/health/run-health-check";
import { inngest } from "../../client";

/** Daily at 04:20 UTC: each connected organisation whose last check is a month old gets its monthly one. */
export const HEALTH_CHECK_CRON = "TZ=UTC 20 4 * * *";

export const monthlyHealthCheck = inngest.createFunction({ id: "sync-monthly-health-check", triggers: [{ cron: HEALTH_CHECK_CRON }] }, async ({ step }) => {
  const orgIds = await step.run("due-organisations", () => organisationsDueForHealthCheck(getDb()));
  for (const orgId of orgIds) {
    // One step each: one organisation's failure (it retries) never holds back the others' reports.
    await step.run(`check-${orgId}`, async () => ({ id: (await runHealthCheck(getDb(), orgId, "monthly")).id }));
  }
  return { organisations: orgIds.length };
});
