import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { and, eq } from "drizzle-orm";
import { marketingSpend, xeroContacts } from "@/db/schema";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { ltvReport } from "./ltv-report";
import { reportScope } from "./report-scope";

const NOW = new Date("2026-11-30T12:00:00Z");

async function books() {
  const db = getDb();
  const org = await makeCrmOrg(db);
  const b = reportBooks(db, org.orgId);
  const paid = async (name: string, source: string | null, firstInvoice: string | null, payments: { amount: string; rate?: string; status?: string }[]) => {
    const customer = await b.customer(name, { leadSource: source });
    if (firstInvoice) {
      const invoice = await b.invoice({ contact: customer.xeroContactId, date: firstInvoice, total: "1000.00", status: "PAID", amountDue: "0" });
      for (const p of payments) await b.payment({ invoice: invoice.xeroInvoiceId, date: firstInvoice, amount: p.amount, rate: p.rate, status: p.status });
      // A later invoice does not move the customer's cohort.
      await b.invoice({ contact: customer.xeroContactId, date: "2026-11-20", total: "5.00" });
    }
    return customer;
  };
  await paid("A", "Google ", "2026-10-05", [{ amount: "60.00" }, { amount: "40.00" }]);
  const bCustomer = await paid("B", "Google", "2026-09-15", [{ amount: "90.00", rate: "0.9" }]); // EUR 90 at 0.9: 100.00
  await b.creditNote({ contact: bCustomer.xeroContactId, date: "2026-10-01", total: "50.00" }); // credits do not reduce LTV
  await paid("C", "google", null, []);
  await paid("D", "Referral", "2026-10-10", [{ amount: "250.00" }, { amount: "999.00", status: "DELETED" }]);
  await paid("G", "referral", "2026-11-02", [{ amount: "50.01" }]);
  await paid("E", null, "2026-10-20", [{ amount: "33.33" }]);
  await paid("F", "", null, []);
  const stranger = await b.contact("Walk-in");
  const strangerInvoice = await b.invoice({ contact: stranger.xeroContactId, date: "2026-10-03", total: "12.34", status: "PAID", amountDue: "0" });
  await b.payment({ invoice: strangerInvoice.xeroInvoiceId, date: "2026-10-03", amount: "12.34" });
  await db.insert(marketingSpend).values([
    { orgId: org.orgId, leadSource: "google", month: "2026-10-01", amount: "300.00", currency: "USD" },
    { orgId: org.orgId, leadSource: "Google", month: "2026-11-01", amount: "100.00", currency: "USD" },
    { orgId: org.orgId, leadSource: "Events", month: "2026-10-01", amount: "500.00", currency: "USD" },
    { orgId: org.orgId, leadSource: "Referral", month: "2026-10-01", amount: "80.00", currency: "EUR" },
  ]);
  return { db, scope: await reportScope(db, org.finance, NOW) };
}

describe("lifetime value by lead source", () => {
  it("groups customers by trimmed, case-insensitive source with exact averages, medians, shares, spend and CAC", async () => {
    const { db, scope } = await books();
    const report = await ltvReport(db, scope, {});
    expect(report.unlinkedPaid).toBe("12.34");
    // Payback, Google: CAC 400.00 / 2 = 200.00; A paid 100.00 over Oct-Nov (2 months), B 100.00 over Sep-Nov (3): 200.00 / 5 = 40.00 a month; 200.00 / 40.00 = 5.0.
    expect(report.rows).toEqual([
      { leadSource: "Referral", customers: 2, payingCustomers: 2, totalPaid: "300.01", averageLtv: "150.01", medianLtv: "150.01", share: "0.5625", spend: null, newCustomers: 2, cac: null, ltvToCac: null, paybackMonths: null },
      { leadSource: "Google", customers: 3, payingCustomers: 2, totalPaid: "200.00", averageLtv: "100.00", medianLtv: "100.00", share: "0.3750", spend: "400.00", newCustomers: 2, cac: "200.00", ltvToCac: "0.50", paybackMonths: "5.0" },
      { leadSource: "(none)", customers: 2, payingCustomers: 1, totalPaid: "33.33", averageLtv: "33.33", medianLtv: "33.33", share: "0.0625", spend: null, newCustomers: 1, cac: null, ltvToCac: null, paybackMonths: null },
      { leadSource: "Events", customers: 0, payingCustomers: 0, totalPaid: "0.00", averageLtv: null, medianLtv: null, share: "0.0000", spend: "500.00", newCustomers: 0, cac: null, ltvToCac: null, paybackMonths: null },
    ]);
  });

  it("a cohort is the customers whose first live invoice is in the range; spend is the months it touches", async () => {
    const { db, scope } = await books();
    const report = await ltvReport(db, scope, { from: "2026-10-01", to: "2026-10-31" });
    expect(report.unlinkedPaid).toBe("12.34");
    // Payback, Google: CAC 300.00; A paid 100.00 over Oct-Nov: 50.00 a month; 300.00 / 50.00 = 6.0.
    expect(report.rows).toEqual([
      { leadSource: "Referral", customers: 1, payingCustomers: 1, totalPaid: "250.00", averageLtv: "250.00", medianLtv: "250.00", share: "0.6522", spend: null, newCustomers: 1, cac: null, ltvToCac: null, paybackMonths: null },
      { leadSource: "Google", customers: 1, payingCustomers: 1, totalPaid: "100.00", averageLtv: "100.00", medianLtv: "100.00", share: "0.2609", spend: "300.00", newCustomers: 1, cac: "300.00", ltvToCac: "0.33", paybackMonths: "6.0" },
      { leadSource: "(none)", customers: 1, payingCustomers: 1, totalPaid: "33.33", averageLtv: "33.33", medianLtv: "33.33", share: "0.0869", spend: null, newCustomers: 1, cac: null, ltvToCac: null, paybackMonths: null },
      { leadSource: "Events", customers: 0, payingCustomers: 0, totalPaid: "0.00", averageLtv: null, medianLtv: null, share: "0.0000", spend: "500.00", newCustomers: 0, cac: null, ltvToCac: null, paybackMonths: null },
    ]);
  });

  it("a contact is the customer that links it itself; the mirror's link counts only for a contact no customer links (a merge)", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    const own = await b.customer("Own", { leadSource: "Web" });
    const other = await b.customer("Other", { leadSource: "Event" });
    // The mirror says Own's contact belongs to Other (stale): Own's own link wins.
    await db.update(xeroContacts).set({ customerId: other.id }).where(and(eq(xeroContacts.orgId, org.orgId), eq(xeroContacts.xeroContactId, own.xeroContactId)));
    // A contact merged into Other in the CRM: only the mirror links it.
    const merged = await b.contact("Merged away");
    await db.update(xeroContacts).set({ customerId: other.id }).where(and(eq(xeroContacts.orgId, org.orgId), eq(xeroContacts.xeroContactId, merged.xeroContactId)));
    for (const [contact, amount] of [[own.xeroContactId, "100.00"], [other.xeroContactId, "10.00"], [merged.xeroContactId, "1.00"]]) {
      const invoice = await b.invoice({ contact, date: "2026-10-01", total: amount, status: "PAID", amountDue: "0" });
      await b.payment({ invoice: invoice.xeroInvoiceId, date: "2026-10-02", amount });
    }
    const report = await ltvReport(db, await reportScope(db, org.finance, NOW), {});
    expect(report.rows.map((r) => [r.leadSource, r.totalPaid])).toEqual([["Web", "100.00"], ["Event", "11.00"]]);
    expect(report.unlinkedPaid).toBe("0.00");
  });
});
