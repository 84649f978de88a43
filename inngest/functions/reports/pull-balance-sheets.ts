import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { organizations, xeroConnections } from "@/db/schema";
import { todayIn } from "@/lib/calendar";
import { pullBalanceSheet } from "@/lib/reports/receivables-tie-out";
import { inngest } from "../../client";

export const BALANCE_SHEET_CRON = "TZ=UTC 41 4 * * *";

/**
 * Every morning, Xero's Balance Sheet of each connected organisation as at its today, for the
 * receivables tie-out (one call per organisation a day). One organisation's failure (a dead token,
 * a missing account) is logged in its result and does not stop the others'.
 */
export const pullBalanceSheetsDaily = inngest.createFunction({ id: "reports-pull-balance-sheets", triggers: [{ cron: BALANCE_SHEET_CRON }], retries: 1 }, async ({ step }) => {
  const orgs = await step.run("connected-organisations", async () =>
    getDb().select({ orgId: xeroConnections.orgId, timezone: organizations.timezone }).from(xeroConnections).innerJoin(organizations, eq(organizations.id, xeroConnections.orgId)).where(eq(xeroConnections.status, "connected")),
  );
  let pulled = 0;
  const failed: { orgId: string; message: string }[] = [];
  for (const org of orgs) {
    const outcome = await step.run(`balance-sheet-${org.orgId}`, async () => {
      try {
        await pullBalanceSheet(getDb(), org.orgId, todayIn(org.timezone), "sync");
        return { ok: true as const };
      } catch (error) {
        return { ok: false as const, message: error instanceof Error ? error.message : String(error) };
      }
    });
    if (outcome.ok) pulled++;
    else failed.push({ orgId: org.orgId, message: outcome.message });
  }
  return { pulled, failed };
});
