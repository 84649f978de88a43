import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { organizations, xeroConnections } from "@/db/schema";
import { todayIn } from "@/lib/calendar";
import { pullBalanceSheet } from "@/lib/reports/receivables-tie-out";
import { pullXeroPerformance } from "@/lib/reports/xero-performance";
import { inngest } from "../../client";

export const XERO_REPORTS_CRON = "TZ=UTC 41 4 * * *";

/**
 * Every morning, Xero's own reports for each connected organisation: the Balance Sheet as at its
 * today (the receivables tie-out) and the last three months' Profit and Loss and Bank Summary (burn
 * and margin): three calls per organisation a day. One organisation's failure (a dead token,
 * a missing account) is logged in its result and does not stop the others'.
 */
export const pullXeroReportsDaily = inngest.createFunction({ id: "reports-pull-xero-reports", triggers: [{ cron: XERO_REPORTS_CRON }], retries: 1 }, async ({ step }) => {
  const orgs = await step.run("connected-organisations", async () =>
    getDb().select({ orgId: xeroConnections.orgId, timezone: organizations.timezone }).from(xeroConnections).innerJoin(organizations, eq(organizations.id, xeroConnections.orgId)).where(eq(xeroConnections.status, "connected")),
  );
  let pulled = 0;
  const failed: { orgId: string; message: string }[] = [];
  for (const org of orgs) {
    const outcome = await step.run(`balance-sheet-${org.orgId}`, async () => {
      try {
        const today = todayIn(org.timezone);
        await pullBalanceSheet(getDb(), org.orgId, today, "sync");
        await pullXeroPerformance(getDb(), org.orgId, today, "sync");
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
