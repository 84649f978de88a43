import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { deals, products, xeroCreditAllocations, xeroCreditNotes, xeroInvoiceLines } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { sumDecimals } from "./money-rules";
import { reportCsv, runReport } from "./report-registry";
import { reportScope } from "./report-scope";
import { revenueReport } from "./revenue-report";
import { revenueSplit, splitOf, type RevenueSplit } from "./revenue-split";

const NOW = new Date("2026-11-30T12:00:00Z");
const RANGE = { from: "2026-10", to: "2026-11" };

/** Lines, credit notes with allocations and owned deals: what reportBooks does not write. */
function extraBooks(db: Db, orgId: string) {
  const at = new Date("2026-11-01T00:00:00Z");
  return {
    async lines(xeroInvoiceId: string, lines: { itemCode: string | null; lineAmount: string; taxAmount?: string }[]) {
      await db.insert(xeroInvoiceLines).values(lines.map((l, position) => ({ orgId, xeroInvoiceId, lineItemId: `${xeroInvoiceId}-${position}`, position, quantity: "1", unitAmount: l.lineAmount, itemCode: l.itemCode, taxAmount: l.taxAmount ?? "0", lineAmount: l.lineAmount })));
    },
    async creditNote(values: { contact: string; date: string; total: string; status?: string; currency?: string; rate?: string; allocations?: { invoice: string; amount: string }[] }) {
      const xeroCreditNoteId = randomUUID();
      await db.insert(xeroCreditNotes).values({ orgId, xeroCreditNoteId, xeroContactId: values.contact, status: values.status ?? "AUTHORISED", date: values.date, currency: values.currency ?? "USD", currencyRate: values.rate ?? "1", subTotal: values.total, totalTax: "0", total: values.total, remainingCredit: "0", xeroUpdatedAt: at });
      for (const [n, a] of (values.allocations ?? []).entries()) await db.insert(xeroCreditAllocations).values({ orgId, xeroCreditNoteId, allocationKey: String(n + 1), xeroInvoiceId: a.invoice, amount: a.amount, date: values.date });
    },
    async product(name: string, code: string, xeroItemCode: string) {
      await db.insert(products).values({ orgId, name, code, xeroItemCode, unitPrice: "1.00", currency: "USD" });
    },
  };
}

/**
 * The hand-computed book (USD base), October and November 2026. Invoices (base): I1 Acme 110.00
 * (lines WID 60+6, SVC 40+4; deal D1 of sales), I2 Beta EUR 100.01 at 0.9 = 111.12 (lines WID 50.00,
 * LEGACY 50.01; D2 of finance), I3 Cato 200.00 tax-inclusive (line svc 200.00; D3 of admin by the
 * portal's link), I4 walk-in 30.00 (no customer, no deal, no lines), I6 Acme EUR 0.05 at 0.4 = 0.13
 * (a line without item code; D6 without owner), I8 Acme EUR 40.00 at 0.5 = 80.00 (WID; D4 of
 * sales), I9 Cato 15.00 (no deal, no lines); not counted: I5 voided 500, I10 draft 123, I7 dated
 * September (D5 of finance). Credit notes: CN1 Acme 22.00 (12.00 to I1), CN2 Beta EUR 10.00 at 0.8
 * = 12.50 (all to I2), CN4 walk-in 7.00, CN5 Acme EUR 0.10 at 0.4 = 0.25 (0.05 to I8, 0.05 to I6);
 * CN3 voided. Payments: 50.00 on I1 (part), EUR 100.01 at 0.92 = 108.71 on I2, 80.00 on I3, 30.00 on
 * I4, 25.00 on I7, 15.00 on an invoice the mirror does not hold; a deleted one and a credit-note
 * refund not counted.
 */
async function book() {
  const db = getDb();
  const org = await makeCrmOrg(db);
  const b = reportBooks(db, org.orgId);
  const x = extraBooks(db, org.orgId);
  const acme = await b.customer("Acme", { leadSource: " Google " });
  const beta = await b.customer("Beta", { leadSource: "google" });
  const cato = await b.customer("Cato", { leadSource: null });
  await b.customer("Delta", { leadSource: "google" }); // no documents; its spelling still names the group
  const walkIn = await b.contact("Walk-in");
  await x.product("Widget", "W-1", "WID");
  await x.product("Service", "S-1", "svc");
  const owned = async (customerId: string, title: string, ownerId: string | null, xeroInvoiceId?: string) => {
    const deal = await b.deal({ customerId, title, amount: "1.00", xeroInvoiceId });
    await db.update(deals).set({ ownerId }).where(eq(deals.id, deal.id));
    return deal.id;
  };

  const i1 = await b.invoice({ contact: acme.xeroContactId, date: "2026-10-05", total: "110.00", amountDue: "60.00", dealId: await owned(acme.id, "D1", org.sales.userId) });
  await x.lines(i1.xeroInvoiceId, [{ itemCode: "WID", lineAmount: "60.00", taxAmount: "6.00" }, { itemCode: "SVC", lineAmount: "40.00", taxAmount: "4.00" }]);
  const i2 = await b.invoice({ contact: beta.xeroContactId, date: "2026-10-20", total: "100.01", status: "PAID", amountDue: "0", currency: "EUR", rate: "0.9", dealId: await owned(beta.id, "D2", org.finance.userId) });
  await x.lines(i2.xeroInvoiceId, [{ itemCode: "WID", lineAmount: "50.00" }, { itemCode: "LEGACY", lineAmount: "50.01" }]);
  const i3 = await b.invoice({ contact: cato.xeroContactId, date: "2026-11-03", total: "200.00", subTotal: "181.82", lineAmountTypes: "Inclusive" });
  await x.lines(i3.xeroInvoiceId, [{ itemCode: "SVC", lineAmount: "200.00", taxAmount: "18.18" }]);
  await owned(cato.id, "D3", org.admin.userId, i3.xeroInvoiceId);
  const i4 = await b.invoice({ contact: walkIn.xeroContactId, date: "2026-11-04", total: "30.00" });
  const i5 = await b.invoice({ contact: acme.xeroContactId, date: "2026-10-07", total: "500.00", status: "VOIDED", amountDue: "0" });
  await x.lines(i5.xeroInvoiceId, [{ itemCode: "WID", lineAmount: "500.00" }]);
  const i6 = await b.invoice({ contact: acme.xeroContactId, date: "2026-11-12", total: "0.05", currency: "EUR", rate: "0.4", dealId: await owned(acme.id, "D6", null) });
  await x.lines(i6.xeroInvoiceId, [{ itemCode: null, lineAmount: "0.05" }]);
  const i7 = await b.invoice({ contact: beta.xeroContactId, date: "2026-09-30", total: "1000.00", dealId: await owned(beta.id, "D5", org.finance.userId) });
  const i8 = await b.invoice({ contact: acme.xeroContactId, date: "2026-11-01", total: "40.00", currency: "EUR", rate: "0.5", dealId: await owned(acme.id, "D4", org.sales.userId) });
  await x.lines(i8.xeroInvoiceId, [{ itemCode: "WID", lineAmount: "40.00" }]);
  await b.invoice({ contact: cato.xeroContactId, date: "2026-10-10", total: "15.00" });
  const i10 = await b.invoice({ contact: acme.xeroContactId, date: "2026-11-02", total: "123.00", status: "DRAFT" });
  await x.lines(i10.xeroInvoiceId, [{ itemCode: "WID", lineAmount: "123.00" }]);

  await x.creditNote({ contact: acme.xeroContactId, date: "2026-11-15", total: "22.00", allocations: [{ invoice: i1.xeroInvoiceId, amount: "12.00" }] });
  await x.creditNote({ contact: beta.xeroContactId, date: "2026-10-25", total: "10.00", currency: "EUR", rate: "0.8", allocations: [{ invoice: i2.xeroInvoiceId, amount: "10.00" }] });
  await x.creditNote({ contact: walkIn.xeroContactId, date: "2026-11-20", total: "5.00", status: "VOIDED" });
  await x.creditNote({ contact: walkIn.xeroContactId, date: "2026-11-21", total: "7.00" });
  await x.creditNote({ contact: acme.xeroContactId, date: "2026-11-16", total: "0.10", currency: "EUR", rate: "0.4", allocations: [{ invoice: i8.xeroInvoiceId, amount: "0.05" }, { invoice: i6.xeroInvoiceId, amount: "0.05" }] });

  await b.payment({ invoice: i1.xeroInvoiceId, date: "2026-10-15", amount: "50.00" });
  await b.payment({ invoice: i2.xeroInvoiceId, date: "2026-11-05", amount: "100.01", currency: "EUR", rate: "0.92" });
  await b.payment({ invoice: i3.xeroInvoiceId, date: "2026-11-10", amount: "80.00" });
  await b.payment({ invoice: i4.xeroInvoiceId, date: "2026-11-06", amount: "30.00" });
  await b.payment({ invoice: i7.xeroInvoiceId, date: "2026-10-02", amount: "25.00" });
  await b.payment({ invoice: randomUUID(), date: "2026-11-07", amount: "15.00" });
  await b.payment({ invoice: i1.xeroInvoiceId, date: "2026-10-16", amount: "999.00", status: "DELETED" });
  await b.payment({ invoice: i1.xeroInvoiceId, date: "2026-11-08", amount: "5.00", paymentType: "ARCREDITPAYMENT" });

  // Another organisation's books in the same months never reach this one's split.
  const other = await makeCrmOrg(db);
  const ob = reportBooks(db, other.orgId);
  const stranger = await ob.customer("Acme");
  const theirs = await ob.invoice({ contact: stranger.xeroContactId, date: "2026-10-05", total: "777.00" });
  await ob.payment({ invoice: theirs.xeroInvoiceId, date: "2026-10-06", amount: "777.00" });
  await extraBooks(db, other.orgId).product("Their legacy", "T-1", "LEGACY"); // their mapping of the same item code is not ours
  return { db, org, ids: { acme: acme.id, beta: beta.id, cato: cato.id }, scope: await reportScope(db, org.finance, NOW) };
}

const figures = (split: RevenueSplit) => split.rows.map((r) => [r.kind, r.label, r.invoiced, r.credited, r.collected]);
const TOTALS = { invoiced: "546.25", credited: "41.75", collected: "308.71" };

/** The rows add up to the totals, which are the revenue report's for the same range. */
async function expectTiesOut(split: RevenueSplit, revenue: Awaited<ReturnType<typeof revenueReport>>) {
  expect(split.totals).toEqual({
    invoiced: sumDecimals(revenue.months.map((m) => m.invoiced)),
    credited: sumDecimals(revenue.months.map((m) => m.credited)),
    collected: sumDecimals(revenue.months.map((m) => m.collected)),
  });
  expect(sumDecimals(split.rows.map((r) => r.invoiced))).toBe(split.totals.invoiced);
  if (split.split !== "product") {
    expect(sumDecimals(split.rows.map((r) => r.credited!))).toBe(split.totals.credited);
    expect(sumDecimals(split.rows.map((r) => r.collected!))).toBe(split.totals.collected);
  }
}

describe("revenue split", () => {
  it("splits the range's invoiced, credited and collected by customer, owner, lead source and product, each document at its own rate, adding up to the revenue report", async () => {
    const { db, org, ids, scope } = await book();
    const revenue = await revenueReport(db, scope, RANGE);
    expect(revenue.months).toEqual([
      { month: "2026-10", invoiced: "236.12", credited: "12.50", collected: "75.00" },
      { month: "2026-11", invoiced: "310.13", credited: "29.25", collected: "233.71" },
    ]);

    const byCustomer = await revenueSplit(db, scope, { ...RANGE, split: "customer" });
    expect(byCustomer).toMatchObject({ currency: "USD", from: "2026-10", to: "2026-11", split: "customer", otherCount: 0, totals: TOTALS });
    expect(byCustomer.rows.map((r) => r.key)).toEqual([ids.cato, ids.acme, ids.beta, null]);
    expect(figures(byCustomer)).toEqual([
      ["top", "Cato", "215.00", "0.00", "80.00"],
      ["top", "Acme", "190.13", "22.25", "50.00"],
      ["top", "Beta", "111.12", "12.50", "133.71"], // 108.71 paid at 0.92 on I2, plus 25.00 on September's I7
      ["none", "No customer (Xero contacts linked to no CRM customer)", "30.00", "7.00", "45.00"],
    ]);
    await expectTiesOut(byCustomer, revenue);

    const byOwner = await revenueSplit(db, scope, { ...RANGE, split: "owner" });
    expect(byOwner.rows.map((r) => r.key)).toEqual([org.admin.userId, org.sales.userId, org.finance.userId, null]);
    expect(figures(byOwner)).toEqual([
      ["top", "admin person", "200.00", "0.00", "80.00"], // I3 by the portal's link
      ["top", "sales person", "190.00", "12.13", "50.00"], // CN1's 12.00 to I1; CN5's first 0.05 (EUR, 0.4) = 0.13
      ["top", "finance person", "111.12", "12.50", "133.71"], // the 25.00 follows September's I7 to its deal
      ["none", "No owner (no linked deal, or a deal without an owner)", "45.13", "17.12", "45.00"], // CN1's unallocated 10.00, CN4 7.00, CN5's second part 0.25 - 0.13 = 0.12
    ]);
    await expectTiesOut(byOwner, revenue);

    const bySource = await revenueSplit(db, scope, { ...RANGE, split: "leadSource" });
    expect(bySource.rows.map((r) => r.key)).toEqual(["google", "(none)", null]);
    expect(figures(bySource)).toEqual([
      ["top", "google", "301.25", "34.75", "183.71"], // " Google ", "google" and Delta's "google": the spelling most have
      ["top", "(none)", "215.00", "0.00", "80.00"],
      ["none", "No customer (Xero contacts linked to no CRM customer)", "30.00", "7.00", "45.00"],
    ]);
    await expectTiesOut(bySource, revenue);

    const byProduct = await revenueSplit(db, scope, { ...RANGE, split: "product" });
    expect(byProduct.rows.map((r) => (r.key === null ? null : r.key.replace(/^product:.*/, "product")))).toEqual(["product", "product", "item:legacy", null]);
    expect(figures(byProduct)).toEqual([
      ["top", "Service", "244.00", null, null], // 44.00 on I1, I3's tax-inclusive 200.00 (item code SVC, product's svc)
      ["top", "Widget", "201.56", null, null], // 66.00 + 50.00 at 0.9 = 55.56 + 40.00 at 0.5 = 80.00
      ["top", "LEGACY (Xero item, no CRM product)", "55.56", null, null], // 111.12 - 55.56, not 50.01 / 0.9 = 55.57
      ["none", "No product (lines without an item code, invoices without lines)", "45.13", null, null], // I4 30.00, I6 0.13, I9 15.00
    ]);
    expect(byProduct.totals).toEqual(TOTALS);
    await expectTiesOut(byProduct, revenue);
  });

  it("keeps the ten largest by name and sums the rest in Other; an empty range has no rows", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    for (let n = 1; n <= 12; n++) {
      const c = await b.customer(`C${String(n).padStart(2, "0")}`);
      await b.invoice({ contact: c.xeroContactId, date: "2026-11-02", total: `${n}0.00` });
    }
    // Equal invoiced: more collected first, then the name; also across the last named row (B06 and C06, both 60.00).
    await b.invoice({ contact: (await b.customer("B06")).xeroContactId, date: "2026-11-02", total: "60.00" });
    const tieA = await b.customer("Tie A");
    const tieB = await b.customer("Tie B");
    const tieC = await b.customer("Tie C");
    for (const c of [tieC, tieB, tieA]) await b.invoice({ contact: c.xeroContactId, date: "2026-11-03", total: "95.00" });
    const paid = await b.invoice({ contact: tieC.xeroContactId, date: "2025-01-01", total: "1.00" });
    await b.payment({ invoice: paid.xeroInvoiceId, date: "2026-11-04", amount: "1.00" });
    const scope = await reportScope(db, org.finance, NOW);
    const split = await revenueSplit(db, scope, { from: "2026-11", to: "2026-11", split: "customer" });
    expect(figures(split)).toEqual([
      ["top", "C12", "120.00", "0.00", "0.00"],
      ["top", "C11", "110.00", "0.00", "0.00"],
      ["top", "C10", "100.00", "0.00", "0.00"],
      ["top", "Tie C", "95.00", "0.00", "1.00"],
      ["top", "Tie A", "95.00", "0.00", "0.00"],
      ["top", "Tie B", "95.00", "0.00", "0.00"],
      ["top", "C09", "90.00", "0.00", "0.00"],
      ["top", "C08", "80.00", "0.00", "0.00"],
      ["top", "C07", "70.00", "0.00", "0.00"],
      ["top", "B06", "60.00", "0.00", "0.00"],
      ["other", "Other (6 customers)", "210.00", "0.00", "0.00"], // C06..C01: 60 + 50 + 40 + 30 + 20 + 10
    ]);
    expect(split.otherCount).toBe(6);
    await expectTiesOut(split, await revenueReport(db, scope, { from: "2026-11", to: "2026-11" }));

    const empty = await revenueSplit(db, scope, { from: "2024-01", to: "2024-02", split: "owner" });
    expect(empty).toMatchObject({ rows: [], otherCount: 0, totals: { invoiced: "0.00", credited: "0.00", collected: "0.00" } });
  });

  it("is a report of the registry: the API refuses an unknown split naming it, the page falls back to customer, the CSV carries the rows and totals", async () => {
    const { db, scope } = await book();
    const error = await runReport(db, scope, "revenue-split", new URLSearchParams("split=region")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual([{ field: "split", message: "split must be customer, product, owner or leadSource." }]);
    expect(["owner", "nope", undefined, ["owner"], "Owner"].map(splitOf)).toEqual(["owner", "customer", "customer", "customer", "customer"]);
    expect((await runReport(db, scope, "revenue-split", new URLSearchParams("from=2026-10&to=2026-11"))).report).toMatchObject({ split: "customer", totals: TOTALS });

    const csv = await reportCsv(db, scope, "revenue-split", new URLSearchParams("from=2026-10&to=2026-11&split=leadSource"));
    expect(csv.split("\r\n")).toEqual([
      "Lead source,Invoiced (USD),Credited (USD),Collected (USD)",
      "google,301.25,34.75,183.71",
      "(none),215.00,0.00,80.00",
      "No customer (Xero contacts linked to no CRM customer),30.00,7.00,45.00",
      "Total,546.25,41.75,308.71",
    ]);
    const products = await reportCsv(db, scope, "revenue-split", new URLSearchParams("from=2026-10&to=2026-11&split=product"));
    expect(products.split("\r\n").slice(-2)).toEqual(['"No product (lines without an item code, invoices without lines)",45.13,,', "Total,546.25,41.75,308.71"]);
  });
});
