import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invoice, type XeroClient } from "xero-node";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { startConnected } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const UK = DEMO_TENANTS.uk;

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
});
afterAll(() => sandbox.close());

const control = async (path: string, body: unknown) => {
  const res = await fetch(`${sandbox.url}/__sandbox/api/orgs/${UK}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

const raw = async (pathAndQuery: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${sandbox.url}/api.xro/2.0/${pathAndQuery}`, { headers: { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": UK, accept: "application/json", ...headers } });
  return { status: res.status, body: await res.json() };
};

async function customerWithInvoice() {
  const contactID = (await xero.accountingApi.createContacts(UK, { contacts: [{ name: `Cash Customer ${Date.now()}-${Math.random()}` }] })).body.contacts![0].contactID!;
  const invoice = (await xero.accountingApi.createInvoices(UK, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, status: Invoice.StatusEnum.AUTHORISED, lineItems: [{ description: "Work", quantity: 1, unitAmount: 100, accountCode: "200", taxType: "OUTPUT2" }] }] }, false)).body.invoices![0];
  return { contactID, invoice };
}

describe("overpayments and prepayments (cash received that lands in AmountCredited)", () => {
  it("records an overpayment and a prepayment in the control plane; xero-node reads them with type, currency, rate and remaining credit", async () => {
    const { contactID } = await customerWithInvoice();
    const over = await control("overpayments", { kind: "overpayment", contactId: contactID, amount: 30, date: "2026-10-05", currencyCode: "EUR", currencyRate: 1.17 });
    const pre = await control("overpayments", { kind: "prepayment", contactId: contactID, amount: 250, date: "2026-10-06" });
    expect([over.status, pre.status]).toEqual([200, 200]);

    const overs = (await xero.accountingApi.getOverpayments(UK)).body.overpayments!;
    expect(overs.find((o) => o.overpaymentID === over.body.ID)).toMatchObject({ type: "RECEIVE-OVERPAYMENT", status: "AUTHORISED", currencyCode: "EUR", currencyRate: 1.17, total: 30, remainingCredit: 30, contact: { contactID } });
    const pres = (await xero.accountingApi.getPrepayments(UK)).body.prepayments!;
    expect(pres.find((p) => p.prepaymentID === pre.body.ID)).toMatchObject({ type: "RECEIVE-PREPAYMENT", currencyCode: "GBP", currencyRate: 1, total: 250, remainingCredit: 250 });
    // One kind never shows up in the other's list.
    expect(overs.some((o) => o.overpaymentID === pre.body.ID)).toBe(false);
    expect((await xero.accountingApi.getPrepayment(UK, pre.body.ID)).body.prepayments![0].date).toBeTruthy();
  });

  it("allocating the credit to an invoice raises its AmountCredited, not AmountPaid, and leaves less credit; a refused allocation changes nothing", async () => {
    const { contactID, invoice } = await customerWithInvoice();
    const other = await customerWithInvoice();
    const pre = (await control("overpayments", { kind: "prepayment", contactId: contactID, amount: 200 })).body;
    const allocated = await control(`overpayments/${pre.ID}/allocate`, { invoiceId: invoice.invoiceID, amount: 70 });
    expect(allocated).toMatchObject({ status: 200, body: { RemainingCredit: 130, Status: "AUTHORISED" } });
    const inv = (await xero.accountingApi.getInvoice(UK, invoice.invoiceID!)).body.invoices![0];
    expect(inv).toMatchObject({ amountCredited: 70, amountPaid: 0, amountDue: 50, status: "AUTHORISED" });

    expect(await control(`overpayments/${pre.ID}/allocate`, { invoiceId: other.invoice.invoiceID, amount: 10 })).toMatchObject({ status: 409, body: { error: "The invoice must belong to the same contact as the credit" } });
    expect(await control(`overpayments/${pre.ID}/allocate`, { invoiceId: invoice.invoiceID, amount: 51 })).toMatchObject({ status: 409, body: { error: "The allocation amount is more than the credit remaining or the amount due" } });
    const { body } = await raw(`Prepayments/${pre.ID}`);
    expect(body.Prepayments[0]).toMatchObject({ RemainingCredit: 130, Allocations: [{ Amount: 70, Invoice: { InvoiceID: invoice.invoiceID } }] });

    // Through the API as Xero offers it: the rest of the invoice, which is then PAID.
    const put = await xero.accountingApi.createPrepaymentAllocations(UK, pre.ID, { allocations: [{ invoice: { invoiceID: invoice.invoiceID }, amount: 50, date: "2026-11-01" }] }, false);
    expect(put.body.allocations![0].statusAttributeString).toBe("OK");
    expect((await xero.accountingApi.getInvoice(UK, invoice.invoiceID!)).body.invoices![0]).toMatchObject({ amountCredited: 120, amountDue: 0, status: "PAID" });
    expect((await xero.accountingApi.getPrepayment(UK, pre.ID)).body.prepayments![0].remainingCredit).toBe(80);
  });

  it("an overpayment recorded with its invoice is allocated at once; a bad kind, contact or currency is refused and nothing is stored", async () => {
    const { contactID, invoice } = await customerWithInvoice();
    const over = await control("overpayments", { kind: "overpayment", contactId: contactID, amount: 150, invoiceId: invoice.invoiceID, allocate: 120 });
    expect(over.body).toMatchObject({ RemainingCredit: 30, Allocations: [{ Amount: 120 }] });
    const before = sandbox.sandbox.org(UK)!.overpayments.size;
    expect((await control("overpayments", { kind: "refund", contactId: contactID, amount: 1 })).status).toBe(400);
    expect((await control("overpayments", { kind: "overpayment", contactId: "00000000-0000-0000-0000-000000000009", amount: 1 })).status).toBe(404);
    expect(await control("overpayments", { kind: "overpayment", contactId: contactID, amount: 1, currencyCode: "JPY" })).toMatchObject({ status: 400, body: { error: "Organisation is not subscribed to currency JPY" } });
    expect((await control("overpayments", { kind: "overpayment", contactId: contactID, amount: 5, invoiceId: invoice.invoiceID })).status).toBe(409);
    expect(sandbox.sandbox.org(UK)!.overpayments.size).toBe(before);
  });

  it("pages like Xero (pageSize clamped to 1000), filters by If-Modified-Since and where, oldest change first", async () => {
    const { contactID } = await customerWithInvoice();
    for (let i = 0; i < 3; i++) await control("overpayments", { kind: "overpayment", contactId: contactID, amount: 10 + i });
    const total = sandbox.sandbox.org(UK)!.overpayments.size;
    const first = await raw("Overpayments?page=1&pageSize=2");
    expect(first.body.pagination).toEqual({ page: 1, pageSize: 2, pageCount: Math.ceil(total / 2), itemCount: total });
    expect(first.body.Overpayments).toHaveLength(2);
    expect((await raw("Overpayments?pageSize=5000")).body.pagination.pageSize).toBe(1000);
    const all = (await raw("Overpayments?pageSize=1000")).body.Overpayments as { UpdatedDateUTC: string }[];
    const stamps = all.map((o) => Number(/\d+/.exec(o.UpdatedDateUTC)![0]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));

    // If-Modified-Since has whole seconds: step past the second the earlier ones were stamped in.
    sandbox.sandbox.clock.advance(2000);
    const since = new Date(sandbox.sandbox.clock.now()).toUTCString();
    sandbox.sandbox.clock.advance(2000);
    const late = (await control("overpayments", { kind: "overpayment", contactId: contactID, amount: 77 })).body;
    const changed = await raw("Overpayments", { "if-modified-since": since });
    expect(changed.body.Overpayments.map((o: { OverpaymentID: string }) => o.OverpaymentID)).toEqual([late.ID]);
    const filtered = await raw(`Overpayments?where=${encodeURIComponent('Total==77.0 AND Status=="AUTHORISED"')}`);
    expect(filtered.body.Overpayments.map((o: { OverpaymentID: string }) => o.OverpaymentID)).toContain(late.ID);
    expect(filtered.body.Overpayments.every((o: { Total: number }) => o.Total === 77)).toBe(true);
  });
});
