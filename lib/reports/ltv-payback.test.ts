import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { marketingSpend } from "@/db/schema";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { reportCsv } from "./report-registry";
import { ltvReport, paybackMonths } from "./ltv-report";
import { reportScope } from "./report-scope";

const NOW = new Date("2026-11-30T12:00:00Z"); // today: 2026-11-30

/**
 * Ads: A first invoiced 2026-09-10, paid 50.00 and EUR 24.00 at 0.8 = 30.00 (80.00 over Sep-Nov, 3
 * months), and a deleted 500.00; B first invoiced 2026-11-02, paid 20.00 (1 month); C first invoiced
 * 2026-10-20, paid nothing (new, not paying); D never invoiced. Spend 100.00 + 68.75 = 168.75 USD.
 * Fair: spend 0.00, one paying new customer. Print: spend in EUR. Late: first invoice dated after
 * today (counts as 1 month). A customer without lead source and a contact linked to no customer.
 */
async function books() {
  const db = getDb();
  const org = await makeCrmOrg(db);
  const b = reportBooks(db, org.orgId);
  const customer = async (name: string, source: string | null, first: string | null, payments: { amount: string; rate?: string; currency?: string; status?: string }[] = []) => {
    const c = await b.customer(name, { leadSource: source });
    if (!first) return;
    const invoice = await b.invoice({ contact: c.xeroContactId, date: first, total: "500.00" });
    for (const p of payments) await b.payment({ invoice: invoice.xeroInvoiceId, date: first, ...p });
  };
  await customer("A", "Ads", "2026-09-10", [{ amount: "50.00" }, { amount: "24.00", currency: "EUR", rate: "0.8" }, { amount: "500.00", status: "DELETED" }]);
  await customer("B", " ads", "2026-11-02", [{ amount: "20.00" }]);
  await customer("C", "Ads", "2026-10-20");
  await customer("D", "Ads", null);
  await customer("F", "Fair", "2026-10-01", [{ amount: "40.00" }]);
  await customer("P", "Print", "2026-10-01", [{ amount: "40.00" }]);
  await customer("L", "Late", "2026-12-15", [{ amount: "10.00" }]);
  await customer("N", null, "2026-10-01", [{ amount: "15.00" }]);
  const walkIn = await b.contact("Walk-in");
  const theirs = await b.invoice({ contact: walkIn.xeroContactId, date: "2026-10-01", total: "99.00" });
  await b.payment({ invoice: theirs.xeroInvoiceId, date: "2026-10-01", amount: "99.00" });
  await db.insert(marketingSpend).values([
    { orgId: org.orgId, leadSource: "Ads", month: "2026-10-01", amount: "100.00", currency: "USD" },
    { orgId: org.orgId, leadSource: "ads", month: "2026-11-01", amount: "68.75", currency: "USD" },
    { orgId: org.orgId, leadSource: "Fair", month: "2026-10-01", amount: "0.00", currency: "USD" },
    { orgId: org.orgId, leadSource: "Print", month: "2026-10-01", amount: "50.00", currency: "EUR" },
    { orgId: org.orgId, leadSource: "Late", month: "2026-10-01", amount: "20.00", currency: "USD" },
  ]);
  return { db, scope: await reportScope(db, org.finance, NOW) };
}

const payback = (rows: { leadSource: string; cac: string | null; paybackMonths: string | null }[]) => Object.fromEntries(rows.map((r) => [r.leadSource, [r.cac, r.paybackMonths]]));

describe("LTV payback months", () => {
  it("is CAC over what paying new customers paid per customer-month, divided once and rounded half-up to 1 place", async () => {
    const { db, scope } = await books();
    const report = await ltvReport(db, scope, {});
    // Ads: CAC 168.75 / 3 = 56.25; paid 80.00 + 20.00 = 100.00 over 3 + 1 = 4 customer-months = 25.00 a month;
    // 56.25 / 25.00 = 2.25 -> 2.3 (half-up; not 2.2). Averaging each customer's rate instead
    // ((26.67 + 20.00) / 2) would give 2.4; counting C's months 3.4; the EUR payment unconverted 2.4.
    // Late: 20.00 / (10.00 over 1 month) = 2.0. Fair: CAC 0.00 -> none. Print, (none): spend not in USD / none.
    expect(payback(report.rows)).toEqual({
      Ads: ["56.25", "2.3"],
      Late: ["20.00", "2.0"],
      Fair: ["0.00", null],
      Print: [null, null],
      "(none)": [null, null],
    });
    // Share: 100.00 of 100.00 + 40.00 + 40.00 + 10.00 + 15.00 = 205.00 paid by customers.
    expect(report.rows.find((r) => r.leadSource === "Ads")).toMatchObject({ customers: 4, payingCustomers: 2, totalPaid: "100.00", newCustomers: 3, ltvToCac: "0.89" });
    const csv = (await reportCsv(db, scope, "ltv-by-source", new URLSearchParams())).split("\r\n");
    expect(csv[0]).toBe("Lead source,Customers,Paying customers,Total paid (USD),Average LTV,Median LTV,Share,Spend,New customers,CAC,LTV:CAC,Payback months");
    expect(csv.find((l) => l.startsWith("Ads,"))).toBe("Ads,4,2,100.00,50.00,50.00,0.4878,168.75,3,56.25,0.89,2.3");
  });

  it("in a cohort counts only the cohort's new customers and the spend of the months it touches", async () => {
    const { db, scope } = await books();
    const report = await ltvReport(db, scope, { from: "2026-10-01", to: "2026-11-30" });
    // Ads: B and C are the cohort; CAC 168.75 / 2 = 84.375 -> 84.38; B paid 20.00 over 1 month;
    // 168.75 x 1 / (2 x 20.00) = 4.21875 -> 4.2, from the exact spend, not the rounded CAC.
    expect(payback(report.rows)).toMatchObject({ Ads: ["84.38", "4.2"], Fair: ["0.00", null], Print: [null, null] });
  });

  it("is null when a term is missing or zero, and exact at the tie", () => {
    expect(paybackMonths(null, 3, "100.00", "4")).toBeNull();
    expect(paybackMonths("0.00", 3, "100.00", "4")).toBeNull();
    expect(paybackMonths("168.75", 0, "0.00", "0")).toBeNull();
    expect(paybackMonths("168.75", 3, "0.00", "0")).toBeNull();
    expect(paybackMonths("168.75", 3, "100.00", "4")).toBe("2.3");
    expect(paybackMonths("0.05", 1, "1.00", "1")).toBe("0.1"); // 0.05: half-up, not half-even 0.0
    expect(paybackMonths("1000.00", 1, "0.01", "1")).toBe("100000.0");
    // 10.00 x 3 / (2 x 20.00) = 0.75 -> 0.8; from rounded terms, 5.00 / 6.67 = 0.7496 would be 0.7.
    expect(paybackMonths("10.00", 2, "20.00", "3")).toBe("0.8");
  });
});
