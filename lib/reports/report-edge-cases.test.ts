import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { invoiceSettings, marketingSpend } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { cashFlowReport } from "./cash-flow-report";
import { ltvReport } from "./ltv-report";
import { runReport } from "./report-registry";
import { reportScope } from "./report-scope";

// Found by an independent review of the reports: each failed on the code before its fix.
const NOW = new Date("2026-12-02T12:00:00Z");

describe("report edge cases", () => {
  it("a cohort nobody is in has no unlinked payments (not every payment in the books)", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    const c = await b.customer("Old", { leadSource: "Ads" });
    const inv = await b.invoice({ contact: c.xeroContactId, date: "2025-01-05", total: "100.00", status: "PAID", amountDue: "0" });
    await b.payment({ invoice: inv.xeroInvoiceId, date: "2025-01-06", amount: "100.00" });
    const walkIn = await b.contact("Walk-in");
    const theirs = await b.invoice({ contact: walkIn.xeroContactId, date: "2025-01-05", total: "500.00", status: "PAID", amountDue: "0" });
    await b.payment({ invoice: theirs.xeroInvoiceId, date: "2025-01-06", amount: "500.00" });
    const scope = await reportScope(db, org.finance, NOW);
    expect(await ltvReport(db, scope, { from: "2026-01-01", to: "2026-01-31" })).toMatchObject({ rows: [], unlinkedPaid: "0.00" });
    expect((await ltvReport(db, scope, { from: "2025-01-01", to: "2025-01-31" })).unlinkedPaid).toBe("500.00");
  });

  it("LTV:CAC is the exact ratio rounded once, not a ratio of rounded terms", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    for (const [name, paid] of [["A", "33.34"], ["B", "33.33"], ["C", "33.33"]]) {
      const c = await b.customer(name, { leadSource: "Ads" });
      const inv = await b.invoice({ contact: c.xeroContactId, date: "2026-10-05", total: "100.00", status: "PAID", amountDue: "0" });
      await b.payment({ invoice: inv.xeroInvoiceId, date: "2026-10-06", amount: paid });
    }
    await db.insert(marketingSpend).values({ orgId: org.orgId, leadSource: "Ads", month: "2026-10-01", amount: "10.00", currency: "USD" });
    const [row] = (await ltvReport(db, await reportScope(db, org.finance, NOW), {})).rows;
    // average 100.00 / 3 = 33.33, CAC 10.00 / 3 = 3.33, LTV:CAC (100/3) / (10/3) = 10.00 (not 33.33 / 3.33 = 10.01)
    expect(row).toMatchObject({ averageLtv: "33.33", cac: "3.33", ltvToCac: "10.00" });
  });

  it("a subscription is expected after the invoicing settings' payment terms, as its invoice will be due", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    const c = await b.customer("Sub Co");
    await db.insert(invoiceSettings).values({ orgId: org.orgId, paymentTermDays: 7 });
    await b.subscription({ customerId: c.id, amount: "100.00", nextBillingDate: "2026-12-03" }); // due 2026-12-10
    const report = await cashFlowReport(db, await reportScope(db, org.finance, NOW), {});
    expect(report.weeks.filter((w) => w.fromSubscriptions !== "0.00").map((w) => [w.weekStart, w.fromSubscriptions])).toEqual([["2026-12-07", "100.00"]]);
  });

  it("months and days outside 1900..9999 are refused naming the field, never a database error", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const scope = await reportScope(db, org.finance, NOW);
    for (const [report, query, field] of [
      ["revenue", "to=0001-01", "to"],
      ["revenue", "from=0000-01&to=0000-02", "from"],
      ["revenue", "from=9999-01", "from"],
      ["cash-flow", "asOf=9999-12-31", "asOf"],
    ] as const) {
      const error = await runReport(db, scope, report, new URLSearchParams(query)).catch((e: unknown) => e);
      expect(error, `${report}?${query}`).toBeInstanceOf(AppError);
      expect((error as AppError).fields.map((f) => f.field)).toContain(field);
    }
  });
});
