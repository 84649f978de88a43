import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XeroClient } from "xero-node";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { failure, startConnected } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const US = DEMO_TENANTS.us;
const UK = DEMO_TENANTS.uk;

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
});
afterAll(() => sandbox.close());

const msOf = (d: unknown) => (d instanceof Date ? d.getTime() : Number(/\/Date\((\d+)/.exec(String(d))?.[1] ?? Date.parse(String(d))));

describe("Accounting API reads", () => {
  it("pages invoices 1-based with the pagination object, in UpdatedDateUTC order", async () => {
    const first = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 1, undefined, undefined, undefined, undefined, 25);
    const { pagination, invoices } = first.body;
    expect(pagination).toMatchObject({ page: 1, pageSize: 25 });
    expect(pagination!.itemCount).toBeGreaterThan(100);
    expect(pagination!.pageCount).toBe(Math.ceil(pagination!.itemCount! / 25));
    expect(invoices).toHaveLength(25);
    const stamps = invoices!.map((i) => msOf(i.updatedDateUTC));
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    const last = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, undefined, undefined, undefined, pagination!.pageCount, undefined, undefined, undefined, undefined, 25);
    expect(last.body.invoices!.length).toBe(pagination!.itemCount! - 25 * (pagination!.pageCount! - 1));
  });

  it("clamps pageSize to 1..1000", async () => {
    const res = await fetch(`${sandbox.url}/api.xro/2.0/Invoices?page=1&pageSize=5000`, { headers: await authHeaders(US) });
    expect((await res.json()).pagination.pageSize).toBe(1000);
    const zero = await fetch(`${sandbox.url}/api.xro/2.0/Invoices?page=1&pageSize=0`, { headers: await authHeaders(US) });
    expect((await zero.json()).pagination.pageSize).toBe(1);
  });

  it("returns only records changed since If-Modified-Since", async () => {
    const before = new Date(sandbox.sandbox.clock.now() - 1000);
    const created = await xero.accountingApi.createContacts(US, { contacts: [{ name: "Fresh Contact For IMS" }] }, false);
    const since = await xero.accountingApi.getContacts(US, before);
    expect(since.body.contacts!.map((c) => c.contactID)).toEqual([created.body.contacts![0].contactID]);
  });

  it("filters by where, Statuses, IDs, ContactIDs and InvoiceNumbers", async () => {
    const paid = await xero.accountingApi.getInvoices(US, undefined, 'Status=="PAID"', undefined, undefined, undefined, undefined, undefined, 1, undefined, undefined, undefined, undefined, 1000);
    expect(paid.body.invoices!.length).toBeGreaterThan(10);
    expect(paid.body.invoices!.every((i) => String(i.status) === "PAID")).toBe(true);
    const byStatus = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, undefined, undefined, ["DRAFT", "SUBMITTED"], 1, undefined, undefined, undefined, undefined, 1000);
    expect(new Set(byStatus.body.invoices!.map((i) => String(i.status)))).toEqual(new Set(["DRAFT", "SUBMITTED"]));
    const two = paid.body.invoices!.slice(0, 2);
    const byIds = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, two.map((i) => i.invoiceID!));
    expect(byIds.body.invoices!.map((i) => i.invoiceID).sort()).toEqual(two.map((i) => i.invoiceID).sort());
    const byNumber = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, [two[0].invoiceNumber!]);
    expect(byNumber.body.invoices!.map((i) => i.invoiceID)).toEqual([two[0].invoiceID]);
    const contactId = two[0].contact!.contactID!;
    const byContact = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, undefined, [contactId], undefined, 1, undefined, undefined, undefined, undefined, 1000);
    expect(byContact.body.invoices!.every((i) => i.contact!.contactID === contactId)).toBe(true);
    const dated = await xero.accountingApi.getInvoices(US, undefined, "Date >= DateTime(2099,01,01)");
    expect(dated.body.invoices).toEqual([]);
  });

  it("hides archived contacts unless includeArchived, and searches by searchTerm", async () => {
    const active = await xero.accountingApi.getContacts(US, undefined, undefined, undefined, undefined, 1, false);
    const all = await xero.accountingApi.getContacts(US, undefined, undefined, undefined, undefined, 1, true);
    expect(all.body.contacts!.length).toBe(active.body.contacts!.length + 1);
    const found = await xero.accountingApi.getContacts(US, undefined, undefined, undefined, undefined, 1, false, false, "hudson");
    expect(found.body.contacts!.map((c) => c.name)).toEqual(["Hudson Legal LLP"]);
  });

  it("serves the reference data each organisation has (not paged)", async () => {
    const currencies = await xero.accountingApi.getCurrencies(UK);
    expect(currencies.body.currencies!.map((c) => String(c.code)).sort()).toEqual(["EUR", "GBP"]);
    const rates = await xero.accountingApi.getTaxRates(UK);
    expect(rates.body.taxRates!.find((t) => t.taxType === "OUTPUT2")).toMatchObject({ effectiveRate: 20 });
    const accounts = await xero.accountingApi.getAccounts(US, undefined, 'Type=="BANK"');
    expect(accounts.body.accounts!.map((a) => a.code)).toEqual(["090", "091"]);
    const items = await xero.accountingApi.getItems(US);
    expect(items.body.items!.find((i) => i.code === "WIDGET")).toMatchObject({ isTrackedAsInventory: true, quantityOnHand: 120 });
    const org = await xero.accountingApi.getOrganisations(US);
    expect(org.body.organisations![0]).toMatchObject({ name: "Demo Company (US)", countryCode: "US" });
  });

  it("has history for reports: two years of invoices in every status, quotes, repeating invoices, bank transactions", async () => {
    const all = sandbox.sandbox.org(US)!;
    const statuses = new Set([...all.invoices.values()].map((i) => i.Status));
    expect(statuses).toEqual(new Set(["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"]));
    const dates = [...all.invoices.values()].map((i) => i.Date).sort();
    expect(Date.parse(dates.at(-1)!) - Date.parse(dates[0])).toBeGreaterThan(700 * 86_400_000);
    const quotes = await xero.accountingApi.getQuotes(US);
    expect(new Set(quotes.body.quotes!.map((q) => String(q.status)))).toEqual(new Set(["DRAFT", "SENT", "DECLINED", "ACCEPTED", "INVOICED"]));
    const repeating = await xero.accountingApi.getRepeatingInvoices(US);
    expect(repeating.body.repeatingInvoices!.length).toBe(3);
    const bank = await xero.accountingApi.getBankTransactions(US);
    expect(bank.body.bankTransactions!.length).toBeGreaterThan(20);
  });

  it("computes Profit and Loss from its own invoices and spending", async () => {
    const org = sandbox.sandbox.org(US)!;
    const from = "2000-01-01";
    const to = sandbox.sandbox.clock.today();
    const res = await xero.accountingApi.getReportProfitAndLoss(US, from, to);
    const report = res.body.reports![0];
    const income = report.rows!.find((r) => r.title === "Income")!;
    const totalIncome = Number(income.rows!.find((r) => String(r.rowType) === "SummaryRow")!.cells![1].value);
    const expected = [...org.invoices.values()].filter((i) => i.Type === "ACCREC" && ["AUTHORISED", "PAID"].includes(i.Status)).reduce((s, i) => s + i.SubTotal, 0);
    expect(totalIncome).toBeCloseTo(expected, 2);
    const bad = await failure(xero.accountingApi.getReportProfitAndLoss(US, from, to, 13));
    expect(bad.status).toBe(400);
  });

  it("answers 404 in plain text for an unknown record", async () => {
    const res = await failure(xero.accountingApi.getInvoice(US, "00000000-0000-0000-0000-000000000000"));
    expect(res.status).toBe(404);
    expect(res.body).toBe("The resource you're looking for cannot be found");
  });
});

async function authHeaders(tenantId: string) {
  return { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": tenantId, accept: "application/json" };
}
