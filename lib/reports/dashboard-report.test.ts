import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { notifyUsers } from "@/lib/notifications/notify";
import { reportBooks } from "@/test/report-fixtures";
import { ageingReport } from "./ageing-report";
import { dashboardFigures } from "./dashboard-report";
import { leakageReport } from "./leakage-report";
import { reportScope } from "./report-scope";

const NOW = new Date("2026-11-20T12:00:00Z");

describe("the dashboard's figures", () => {
  it("are the reports' own numbers: receivables and overdue, collected against the goal, weighted pipeline, money at risk, unread alerts", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await db.update(organizations).set({ monthlyRevenueGoal: "1200.00" }).where(eq(organizations.id, org.orgId));
    const books = reportBooks(db, org.orgId);
    const acme = await books.customer("Acme");
    // Open: 300.00 not yet due, 120.50 due 10 days ago, EUR 80.00 at 0.8 (100.00) due 40 days ago.
    await books.invoice({ contact: acme.xeroContactId, date: "2026-11-15", dueDate: "2026-12-15", total: "300.00" });
    const late = await books.invoice({ contact: acme.xeroContactId, date: "2026-10-01", dueDate: "2026-11-10", total: "200.00", amountDue: "120.50" });
    await books.invoice({ contact: acme.xeroContactId, date: "2026-09-01", dueDate: "2026-10-11", total: "80.00", currency: "EUR", rate: "0.8" });
    await books.invoice({ contact: acme.xeroContactId, date: "2026-11-01", total: "999.00", status: "DRAFT" });
    // Collected this month: 79.50 + EUR 40.00 at 0.8 (50.00); October's 10.00 is not this month's.
    await books.payment({ invoice: late.xeroInvoiceId, date: "2026-11-05", amount: "79.50" });
    await books.payment({ invoice: late.xeroInvoiceId, date: "2026-11-06", amount: "40.00", currency: "EUR", rate: "0.8" });
    await books.payment({ invoice: late.xeroInvoiceId, date: "2026-10-30", amount: "10.00" });
    // Pipeline: Qualified 25% of 1000.01 = 250.0025 -> 250.00; Proposal 60% of 333.33 = 199.998 -> 200.00;
    // an EUR deal apart; won and lost deals are not pipeline.
    await books.deal({ customerId: acme.id, title: "Q", amount: "1000.01", stageName: "Qualified" });
    await books.deal({ customerId: acme.id, title: "P", amount: "333.33", stageName: "Proposal" });
    await books.deal({ customerId: acme.id, title: "E", amount: "100.00", stageName: "Lead", currency: "EUR" });
    await books.deal({ customerId: acme.id, title: "Lost", amount: "700.00", stage: "lost" });
    // Leakage: a won deal with no invoice (USD 45.10) and one in EUR (12.00).
    await books.deal({ customerId: acme.id, title: "Unbilled", amount: "45.10" });
    await books.deal({ customerId: acme.id, title: "Unbilled EUR", amount: "12.00", currency: "EUR" });
    await notifyUsers(db, org.orgId, [org.finance.userId!], { kind: "overdue", title: "INV-1 is overdue" });
    await notifyUsers(db, org.orgId, [org.owner.userId!], { kind: "overdue", title: "someone else's" });

    const scope = await reportScope(db, org.finance, NOW);
    const figures = await dashboardFigures(db, scope, org.finance.userId!);
    expect(figures).toEqual({
      currency: "USD",
      today: "2026-11-20",
      receivables: "520.50",
      overdue: "220.50",
      collectedThisMonth: "129.50",
      monthlyGoal: "1200.00",
      goalShare: "0.1079",
      weightedPipeline: "450.00",
      openDeals: 2,
      otherCurrencyPipeline: [{ currency: "EUR", amount: "10.00" }],
      moneyAtRisk: [
        { currency: "EUR", amount: "12.00" },
        { currency: "USD", amount: "45.10" },
      ],
      openAlerts: 1,
    });
    // The same numbers as the reports each figure links to.
    expect(figures.receivables).toBe((await ageingReport(db, scope, {})).total);
    expect(figures.moneyAtRisk).toEqual((await leakageReport(db, scope)).totals);
  });

  it("has zeros, not errors, for a new organisation with no goal", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const figures = await dashboardFigures(db, await reportScope(db, org.owner, NOW), org.owner.userId!);
    expect(figures).toMatchObject({ receivables: "0.00", overdue: "0.00", collectedThisMonth: "0.00", goalShare: null, weightedPipeline: "0.00", openDeals: 0, moneyAtRisk: [], otherCurrencyPipeline: [] });
  });
});
