import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroReportSnapshots } from "@/db/schema";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { reportScope } from "./report-scope";
import { performancePeriod, pullXeroPerformance, xeroPerformance } from "./xero-performance";

const sandbox = sandboxForFile();

async function withSnapshots(pnl: Record<string, string>, bank: Record<string, string>) {
  const db = getDb();
  const org = await makeCrmOrg(db);
  const period = { from: "2026-08-01", to: "2026-10-31" };
  for (const [report, figures] of [["ProfitAndLoss", pnl], ["BankSummary", bank]] as const) {
    await db.insert(xeroReportSnapshots).values({ orgId: org.orgId, report, xeroTenantId: "books-1", reportDate: period.to, figures: { ...period, ...figures } });
  }
  return xeroPerformance(db, await reportScope(db, org.finance), "books-1");
}

describe("burn rate, margin and runway from Xero's own reports", () => {
  it("the period is the last three complete months", () => {
    expect(performancePeriod("2026-11-20")).toEqual({ from: "2026-08-01", to: "2026-10-31" });
    expect(performancePeriod("2026-02-01")).toEqual({ from: "2025-11-01", to: "2026-01-31" });
  });

  it("margin = net profit / income; burn = (spent - received) / 3; runway = balance / burn, each rounded once", async () => {
    // 4500 / 30000 = 0.1500; (31000 - 25000) / 3 = 2000.00; 10000 x 3 / 6000 = 5.0
    expect(await withSnapshots({ totalIncome: "30000.00", netProfit: "4500.00" }, { cashReceived: "25000.00", cashSpent: "31000.00", closingBalance: "10000.00" })).toMatchObject({ profitMargin: "0.1500", monthlyBurn: "2000.00", runwayMonths: "5.0" });
    // (2000 - 1000) / 3 = 333.33; runway from the exact terms: 1000 x 3 / 1000 = 3.0 (not 1000 / 333.33 = 3.0000x)
    expect(await withSnapshots({ totalIncome: "0.00", netProfit: "-50.00" }, { cashReceived: "1000.00", cashSpent: "2000.00", closingBalance: "1000.00" })).toMatchObject({ profitMargin: null, monthlyBurn: "333.33", runwayMonths: "3.0" });
    // Cash grows: negative burn, no runway.
    expect(await withSnapshots({ totalIncome: "100.00", netProfit: "100.00" }, { cashReceived: "900.00", cashSpent: "300.00", closingBalance: "5000.00" })).toMatchObject({ monthlyBurn: "-200.00", runwayMonths: null });
  });

  it("pulls Xero's Profit and Loss and Bank Summary from the sandbox's own books", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox(), { seed: "empty" });
    const today = sandbox().sandbox.clock.today();
    const { from, to } = performancePeriod(today);
    sandbox().control.recordBankTransaction(tenantId, { type: "RECEIVE", amount: 1200.1, accountCode: "200", date: from });
    sandbox().control.recordBankTransaction(tenantId, { type: "SPEND", amount: 1500.4, accountCode: "469", date: to });
    sandbox().control.recordBankTransaction(tenantId, { type: "SPEND", amount: 99, accountCode: "469", date: today }); // after the period
    await pullXeroPerformance(db, orgId, today, "manual");
    const scope = { ...(await reportScope(db, { orgId, canSeeAmounts: true })), today };
    // Income 1200.10, rent 1500.40: net -300.30, margin -300.30 / 1200.10 = -0.2502; burn (1500.40 - 1200.10) / 3 = 100.10.
    expect(await xeroPerformance(db, scope, tenantId)).toMatchObject({ from, to, totalIncome: "1200.10", netProfit: "-300.30", profitMargin: "-0.2502", cashReceived: "1200.10", cashSpent: "1500.40", monthlyBurn: "100.10" });
    const calls = () => sandbox().control.requests({ pathPrefix: "/api.xro/2.0/Reports/", tenantId }).length;
    const before = calls();
    await pullXeroPerformance(db, orgId, today, "manual");
    expect(calls()).toBe(before); // a second press within a minute answers from the last pull
    expect(await xeroPerformance(db, scope, "other-books")).toBeNull();
  });
});
