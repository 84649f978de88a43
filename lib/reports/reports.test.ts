import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { ageingReport } from "./ageing-report";
import { dismissLeakage, leakageReport, leakageTotals, listLeakageDismissals } from "./leakage-report";
import { divideDecimals, multiplyDecimals, sumDecimals } from "./money-rules";
import { reportScope } from "./report-scope";
import { monthToDate, revenueReport } from "./revenue-report";

const NOW = new Date("2026-11-30T12:00:00Z");

describe("the money rules", () => {
  it("divide, multiply and sum decimal text exactly, rounding half-up once", () => {
    expect(divideDecimals("1", "3", 4)).toBe("0.3333");
    expect(divideDecimals("2", "3", 2)).toBe("0.67");
    expect(divideDecimals("0.125", "1", 2)).toBe("0.13");
    expect(divideDecimals("-0.125", "1", 2)).toBe("-0.13");
    expect(divideDecimals("5", "0.00", 2)).toBeNull();
    expect(divideDecimals(null, "2", 2)).toBeNull();
    expect(multiplyDecimals("1546.80", "90", 2)).toBe("139212.00");
    expect(sumDecimals(["0.10", "0.20", "99999999999999.99"])).toBe("100000000000000.29");
  });
});

describe("revenue per month", () => {
  it("sums live invoices, live credit notes and counted payments by their own dates, each converted at its own rate and rounded per document", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const acme = await books.customer("Acme");
    const inv1 = await books.invoice({ contact: acme.xeroContactId, date: "2026-10-05", total: "110.00", amountDue: "60.00" });
    const inv2 = await books.invoice({ contact: acme.xeroContactId, date: "2026-10-20", total: "200.00", status: "PAID", currency: "EUR", rate: "0.8", amountDue: "0" });
    await books.invoice({ contact: acme.xeroContactId, date: "2026-10-21", total: "100.01", currency: "EUR", rate: "0.9" }); // 111.122 -> 111.12
    await books.invoice({ contact: acme.xeroContactId, date: "2026-10-31", total: "0.05", currency: "EUR", rate: "0.4" }); // 0.125 -> 0.13
    for (const status of ["VOIDED", "DRAFT", "SUBMITTED", "DELETED"]) await books.invoice({ contact: acme.xeroContactId, date: "2026-11-02", total: "500.00", status });
    await books.invoice({ contact: acme.xeroContactId, date: "2026-11-02", total: "999.00", type: "ACCPAY" });
    await books.invoice({ contact: acme.xeroContactId, date: "2026-08-31", total: "40.00" }); // before the range
    await books.creditNote({ contact: acme.xeroContactId, date: "2026-11-10", total: "22.00" });
    await books.creditNote({ contact: acme.xeroContactId, date: "2026-11-11", total: "5.00", status: "VOIDED" });
    await books.creditNote({ contact: acme.xeroContactId, date: "2026-11-12", total: "10.00", status: "PAID", currency: "EUR", rate: "0.8" }); // 12.50
    await books.payment({ invoice: inv1.xeroInvoiceId, date: "2026-10-15", amount: "50.00" });
    await books.payment({ invoice: inv2.xeroInvoiceId, date: "2026-10-25", amount: "200.00", currency: "EUR", rate: "0.78125" }); // paid at another rate: 256.00
    await books.payment({ invoice: inv1.xeroInvoiceId, date: "2026-10-16", amount: "30.00", status: "DELETED" });
    await books.payment({ invoice: inv1.xeroInvoiceId, date: "2026-10-17", amount: "5.00", paymentType: "ARCREDITPAYMENT" });

    const scope = await reportScope(db, org.finance, NOW);
    const report = await revenueReport(db, scope, { from: "2026-09", to: "2026-11" });
    expect(report.currency).toBe("USD");
    expect(report.months).toEqual([
      { month: "2026-09", invoiced: "0.00", credited: "0.00", collected: "0.00" },
      { month: "2026-10", invoiced: "471.25", credited: "0.00", collected: "306.00" },
      { month: "2026-11", invoiced: "0.00", credited: "34.50", collected: "0.00" },
    ]);
    // The default range: the 24 months ending with the current one, every month present.
    const byDefault = await revenueReport(db, scope, {});
    expect(byDefault.months).toHaveLength(24);
    expect([byDefault.months[0].month, byDefault.months[23].month]).toEqual(["2024-12", "2026-11"]);
    expect(byDefault.months.find((m) => m.month === "2026-08")?.invoiced).toBe("40.00");
  });

  it("month to date runs the month's invoicing on at its daily pace", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const c = (await books.customer("Pace Co")).xeroContactId;
    await books.invoice({ contact: c, date: "2026-11-02", total: "100.00" });
    await books.invoice({ contact: c, date: "2026-11-09", total: "100.01" });
    const mtd = await monthToDate(db, await reportScope(db, org.owner, new Date("2026-11-09T12:00:00Z")));
    // 200.01 in 9 of 30 days: 200.01 x 30 / 9 = 666.70
    expect(mtd).toEqual({ month: "2026-11", invoiced: "200.01", collected: "0.00", projectedInvoiced: "666.70", daysElapsed: 9, daysInMonth: 30 });
  });

  it("is refused to a member who does not see amounts", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await expect(reportScope(db, org.sales, NOW)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("ageing and DSO", () => {
  it("buckets open invoices by days past due at asOf, in the base currency, and DSO over the 90 days to asOf", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const c = (await books.customer("Globex")).xeroContactId;
    await books.invoice({ contact: c, date: "2026-10-05", total: "110.00", amountDue: "60.00", dueDate: "2026-11-04" }); // 26 days: 1-30
    await books.invoice({ contact: c, date: "2026-10-31", total: "100.01", currency: "EUR", rate: "0.9", dueDate: "2026-11-30" }); // due today: current 111.12
    await books.invoice({ contact: c, date: "2026-11-01", total: "0.05", currency: "EUR", rate: "0.4", dueDate: null }); // no due date: current 0.13
    await books.invoice({ contact: c, date: "2026-08-31", total: "300.00", dueDate: "2026-09-30" }); // 61 days
    await books.invoice({ contact: c, date: "2026-10-01", total: "45.55", dueDate: "2026-10-31" }); // 30 days
    await books.invoice({ contact: c, date: "2026-07-02", total: "1000.00", dueDate: "2026-08-01" }); // 121 days
    await books.invoice({ contact: c, date: "2026-12-05", total: "10.00", dueDate: "2026-11-01" }); // dated after asOf: current
    await books.invoice({ contact: c, date: "2026-09-02", total: "20.00", dueDate: "2026-10-30" }); // 31 days; first day of the 90
    await books.invoice({ contact: c, date: "2026-11-15", total: "80.00", amountDue: "0", status: "PAID", dueDate: "2026-11-20" });
    await books.invoice({ contact: c, date: "2026-09-01", total: "5.00", amountDue: "0", status: "PAID" }); // a day before the 90
    await books.invoice({ contact: c, date: "2026-11-16", total: "700.00", status: "DRAFT", dueDate: "2026-01-01" });

    const report = await ageingReport(db, await reportScope(db, org.owner, NOW), { asOf: "2026-11-30" });
    expect(report).toEqual({ currency: "USD", asOf: "2026-11-30", current: "121.25", days1to30: "105.55", days31to60: "20.00", days61to90: "300.00", over90: "1000.00", total: "1546.80", dso: "379.5" });
    // 1546.80 x 90 / (110 + 111.12 + 0.13 + 45.55 + 20 + 80 = 366.80) = 379.53...
  });

  it("has no DSO when nothing was invoiced in the 90 days", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    await books.invoice({ contact: (await books.customer("Old")).xeroContactId, date: "2025-01-01", total: "12.34", dueDate: "2025-02-01" });
    const report = await ageingReport(db, await reportScope(db, org.owner, NOW), {});
    expect(report).toMatchObject({ asOf: "2026-11-30", over90: "12.34", total: "12.34", dso: null });
  });
});

describe("revenue leakage", () => {
  it("classifies each won deal by its linked invoices, first match wins, with totals per currency; a dismissal removes the row", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const cust = await books.customer("Initech");
    const c = cust.xeroContactId;
    const deal = (title: string, amount: string, extra: Parameters<typeof books.deal>[0] extends infer T ? Partial<T> : never = {}) => books.deal({ customerId: cust.id, title, amount, ...extra });

    const matched = await deal("Billed right", "100.00");
    await books.invoice({ contact: c, date: "2026-10-01", total: "110.00", subTotal: "100.00", dealId: matched.id });
    const otherCurrency = await deal("Billed in EUR", "100.00");
    await books.invoice({ contact: c, date: "2026-10-01", total: "100.00", currency: "EUR", rate: "0.9", dealId: otherCurrency.id });
    const short = await deal("Billed short", "250.00");
    await books.invoice({ contact: c, date: "2026-10-01", total: "100.00", dealId: short.id });
    const newest = await books.invoice({ contact: c, date: "2026-10-09", total: "132.00", subTotal: "120.00", dealId: short.id });
    // Newer than the live invoices, a draft is still not the one named: live ranks first.
    await books.invoice({ contact: c, date: "2026-10-20", total: "5.00", status: "DRAFT", dealId: short.id });
    const inclusive = await deal("Tax inclusive", "80.00");
    await books.invoice({ contact: c, date: "2026-10-01", total: "88.00", subTotal: "80.00", lineAmountTypes: "Inclusive", dealId: inclusive.id });
    const draft = await deal("Still a draft", "60.00");
    const draftInvoice = await books.invoice({ contact: c, date: "2026-10-01", total: "60.00", status: "DRAFT", dealId: draft.id });
    await books.invoice({ contact: c, date: "2026-10-05", total: "60.00", status: "VOIDED", amountDue: "0", dealId: draft.id }); // newer, but a draft ranks first
    const voided = await deal("Voided", "70.00");
    await books.invoice({ contact: c, date: "2026-10-01", total: "70.00", status: "VOIDED", amountDue: "0", dealId: voided.id });
    await books.invoice({ contact: c, date: "2026-10-02", total: "70.00", status: "DELETED", amountDue: "0", dealId: voided.id });
    const nothing = await deal("Never billed", "40.00", { currency: "EUR" });
    const deletedOnly = await deal("Only deleted", "90.00");
    await books.invoice({ contact: c, date: "2026-10-01", total: "90.00", status: "DELETED", dealId: deletedOnly.id });
    await deal("Still open", "500.00", { stage: "open" });
    const credited = await deal("Credited to nothing", "50.00");
    await books.invoice({ contact: c, date: "2026-10-01", total: "50.00", amountDue: "0", dealId: credited.id });
    const viaLink = await books.invoice({ contact: c, date: "2026-10-01", total: "55.00" });
    await deal("Linked in the portal", "55.00", { xeroInvoiceId: viaLink.xeroInvoiceId });

    const scope = await reportScope(db, org.finance, NOW);
    const report = await leakageReport(db, scope);
    const byTitle = Object.fromEntries(report.rows.map((r) => [r.dealTitle, { kind: r.kind, amount: r.amount, currency: r.currency, invoiceId: r.invoiceId }]));
    expect(byTitle).toEqual({
      "Billed in EUR": { kind: "currency_mismatch", amount: "100.00", currency: "USD", invoiceId: expect.any(String) },
      "Billed short": { kind: "amount_mismatch", amount: "30.00", currency: "USD", invoiceId: newest.id },
      "Tax inclusive": { kind: "amount_mismatch", amount: "8.00", currency: "USD", invoiceId: expect.any(String) },
      "Still a draft": { kind: "not_approved", amount: "60.00", currency: "USD", invoiceId: draftInvoice.id },
      Voided: { kind: "voided", amount: "70.00", currency: "USD", invoiceId: expect.any(String) },
      "Never billed": { kind: "no_invoice", amount: "40.00", currency: "EUR", invoiceId: null },
      "Only deleted": { kind: "no_invoice", amount: "90.00", currency: "USD", invoiceId: null },
    });
    expect(report.totals).toEqual([
      { currency: "EUR", amount: "40.00" },
      { currency: "USD", amount: "358.00" },
    ]);
    // The invoice a row names, with its Xero id and number: the newest live one, else the draft.
    const named = (title: string) => report.rows.filter((r) => r.dealTitle === title).map((r) => [r.invoiceId, r.xeroInvoiceId, r.invoiceNumber]);
    expect(named("Billed short")).toEqual([[newest.id, newest.xeroInvoiceId, newest.number]]);
    expect(named("Still a draft")).toEqual([[draftInvoice.id, draftInvoice.xeroInvoiceId, draftInvoice.number]]);
    // The dashboard's sum (computed without naming invoices) is the report's.
    expect(await leakageTotals(db, scope)).toEqual(report.totals);

    await dismissLeakage(db, scope, org.finance, { dealId: nothing.id, kind: "no_invoice", reason: "Free pilot" });
    const after = await leakageReport(db, scope);
    expect(after.rows.map((r) => r.dealTitle)).not.toContain("Never billed");
    expect(after.totals).toEqual([{ currency: "USD", amount: "358.00" }]);
    expect((await listLeakageDismissals(db, scope)).map((d) => [d.dealTitle, d.reason, d.dismissedBy])).toEqual([["Never billed", "Free pilot", org.finance.userId]]);
    // A row not shown (wrong kind, or another organisation's deal) is not found.
    await expect(dismissLeakage(db, scope, org.finance, { dealId: short.id, kind: "no_invoice", reason: "Nope" })).rejects.toMatchObject({ code: "not_found" });
    const other = await makeCrmOrg(db);
    await expect(dismissLeakage(db, await reportScope(db, other.owner, NOW), other.owner, { dealId: short.id, kind: "amount_mismatch", reason: "Not mine" })).rejects.toMatchObject({ code: "not_found" });
  });
});
