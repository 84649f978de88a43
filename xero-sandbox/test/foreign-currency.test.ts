import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreditNote, CurrencyCode, Invoice, type XeroClient } from "xero-node";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { failure, startConnected } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const UK = DEMO_TENANTS.uk;
let n = 0;

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
  // Days long before the seeded table (the last 90 days), so only these rates apply to them.
  sandbox.control.setExchangeRate(UK, "EUR", "2024-03-10", 1.1625);
  sandbox.control.setExchangeRate(UK, "EUR", "2024-03-18", 1.1702);
});
afterAll(() => sandbox.close());

async function customer() {
  return (await xero.accountingApi.createContacts(UK, { contacts: [{ name: `Euro Customer ${Date.now()}-${++n}` }] })).body.contacts![0].contactID!;
}

const line = (unitAmount: number) => [{ description: "Work", quantity: 1, unitAmount, accountCode: "200", taxType: "ECZROUTPUT" }];

async function euroInvoice(date: string, currencyRate?: number) {
  const contactID = await customer();
  const res = await xero.accountingApi.createInvoices(UK, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, status: Invoice.StatusEnum.AUTHORISED, date, currencyCode: CurrencyCode.EUR, currencyRate, lineItems: line(117) }] }, false);
  return res.body.invoices![0];
}

describe("foreign-currency documents carry the day's rate, or the one given", () => {
  it("seeds the UK organisation's euro with a day rate for each of the last 90 days, which its euro invoice took", () => {
    const { baseCurrency, rates } = sandbox.control.exchangeRates(UK);
    expect(baseCurrency).toBe("GBP");
    const seeded = Object.entries(rates.EUR).filter(([day]) => day > "2025-01-01");
    expect(seeded).toHaveLength(90);
    expect(seeded.at(-1)![0]).toBe(sandbox.sandbox.clock.today());
    expect(seeded.every(([, rate]) => rate > 1.15 && rate < 1.2)).toBe(true);
    const euro = [...sandbox.sandbox.org(UK)!.invoices.values()].find((i) => i.CurrencyCode === "EUR")!;
    expect(euro.CurrencyRate).toBe(rates.EUR[euro.Date]);
    expect(sandbox.control.exchangeRates(DEMO_TENANTS.us).rates).toEqual({});
  });

  it("an invoice without CurrencyRate takes its Date's rate (a day without one: the nearest earlier day's); a rate given is kept", async () => {
    expect((await euroInvoice("2024-03-10")).currencyRate).toBe(1.1625);
    expect((await euroInvoice("2024-03-15")).currencyRate).toBe(1.1625);
    expect((await euroInvoice("2024-03-18")).currencyRate).toBe(1.1702);
    // Before the first known day: the first known rate.
    expect((await euroInvoice("2023-12-31")).currencyRate).toBe(1.1625);
    const given = await euroInvoice("2024-03-15", 1.17);
    expect(given).toMatchObject({ currencyRate: 1.17, total: 117 });
    expect((await xero.accountingApi.getInvoice(UK, given.invoiceID!)).body.invoices![0].currencyRate).toBe(1.17);
  });

  it("a base-currency document is always at 1, whatever rate is sent; a rate that is not above zero is refused", async () => {
    const contactID = await customer();
    const res = await xero.accountingApi.createInvoices(UK, { invoices: [
      { type: Invoice.TypeEnum.ACCREC, contact: { contactID }, currencyCode: CurrencyCode.GBP, currencyRate: 1.3, lineItems: line(10) },
      { type: Invoice.TypeEnum.ACCREC, contact: { contactID }, currencyCode: CurrencyCode.EUR, currencyRate: -1, lineItems: line(10) },
    ] }, false);
    const [gbp, bad] = res.body.invoices!;
    expect(gbp.currencyRate).toBe(1);
    expect(bad.validationErrors!.map((e) => e.message)).toEqual(["The CurrencyRate must be a number greater than zero"]);
  });

  it("an edit keeps the invoice's rate unless it sends one or moves the date", async () => {
    const inv = await euroInvoice("2024-03-10");
    const contactID = inv.contact!.contactID!;
    const draft = (await xero.accountingApi.createInvoices(UK, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, date: "2024-03-10", currencyCode: CurrencyCode.EUR, lineItems: line(5) }] }, false)).body.invoices![0];
    const referenced = await xero.accountingApi.updateInvoice(UK, draft.invoiceID!, { invoices: [{ reference: "PO-1" }] });
    expect(referenced.body.invoices![0].currencyRate).toBe(1.1625);
    const moved = await xero.accountingApi.updateInvoice(UK, draft.invoiceID!, { invoices: [{ date: "2024-03-19" }] });
    expect(moved.body.invoices![0].currencyRate).toBe(1.1702);
    const set = await xero.accountingApi.updateInvoice(UK, draft.invoiceID!, { invoices: [{ currencyRate: 1.2 }] });
    expect(set.body.invoices![0].currencyRate).toBe(1.2);
  });

  it("a credit note takes the day's rate or the one given", async () => {
    const contactID = await customer();
    const note = (rate?: number) => ({ type: CreditNote.TypeEnum.ACCRECCREDIT, contact: { contactID }, status: CreditNote.StatusEnum.AUTHORISED, date: "2024-03-12", currencyCode: CurrencyCode.EUR, currencyRate: rate, lineItems: line(20) });
    const [dayRated, given] = (await xero.accountingApi.createCreditNotes(UK, { creditNotes: [note(), note(1.19)] }, false)).body.creditNotes!;
    expect([dayRated.currencyRate, given.currencyRate]).toEqual([1.1625, 1.19]);
  });

  it("a payment has its own rate (its Date's, or the one given), and reaches the pound account as amount / rate to the cent", async () => {
    const inv = await euroInvoice("2024-03-10", 1.17);
    const account = { code: "090" };
    const dayRated = (await xero.accountingApi.createPayment(UK, { invoice: { invoiceID: inv.invoiceID }, account, amount: 58.5, date: "2024-03-20" })).body.payments![0];
    expect(dayRated).toMatchObject({ amount: 58.5, currencyRate: 1.1702, bankAmount: 49.99 });
    const given = (await xero.accountingApi.createPayment(UK, { invoice: { invoiceID: inv.invoiceID }, account, amount: 58.5, date: "2024-03-20", currencyRate: 1.1625 })).body.payments![0];
    // 58.50 / 1.1625 = 50.3225...
    expect(given).toMatchObject({ currencyRate: 1.1625, bankAmount: 50.32 });
    expect((await xero.accountingApi.getPayment(UK, given.paymentID!)).body.payments![0]).toMatchObject({ currencyRate: 1.1625, bankAmount: 50.32 });
  });

  it("overpayments and prepayments recorded without a rate take their day's; the control plane's payments do too", async () => {
    const contactID = await customer();
    const over = sandbox.control.recordCashCredit(UK, { kind: "overpayment", contactId: contactID, amount: 30, date: "2024-03-11", currencyCode: "EUR" });
    const pre = sandbox.control.recordCashCredit(UK, { kind: "prepayment", contactId: contactID, amount: 30, date: "2024-03-11", currencyCode: "EUR", currencyRate: 1.18 });
    expect([over.CurrencyRate, pre.CurrencyRate]).toEqual([1.1625, 1.18]);
    const inv = await euroInvoice("2024-03-10", 1.17);
    sandbox.control.recordPayment(UK, inv.invoiceID!, { amount: 10, date: "2024-03-19" });
    sandbox.control.recordPayment(UK, inv.invoiceID!, { amount: 10, date: "2024-03-19", currencyRate: 1.15 });
    const payments = (await xero.accountingApi.getInvoice(UK, inv.invoiceID!)).body.invoices![0].payments!;
    expect(payments.map((p) => p.currencyRate)).toEqual([1.1702, 1.15]);
  });

  it("a quote shows its date's rate", async () => {
    const contactID = await customer();
    const quote = (await xero.accountingApi.createQuotes(UK, { quotes: [{ contact: { contactID }, date: "2024-03-13", currencyCode: CurrencyCode.EUR, lineItems: line(40) }] }, false)).body.quotes![0];
    expect(quote.currencyRate).toBe(1.1625);
  });

  it("the control plane refuses a rate for the base currency, a bad date or a rate not above zero", async () => {
    const post = async (body: unknown) => {
      const res = await fetch(`${sandbox.url}/__sandbox/api/orgs/${UK}/exchange-rates`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    };
    expect(await post({ currency: "GBP", date: "2024-03-10", rate: 1 })).toMatchObject({ status: 400, body: { error: "GBP is the base currency: its rate is always 1" } });
    expect(await post({ currency: "EUR", date: "10/03/2024", rate: 1.1 })).toMatchObject({ status: 400, body: { error: "date must be YYYY-MM-DD" } });
    expect(await post({ currency: "EUR", date: "2024-03-10", rate: 0 })).toMatchObject({ status: 400, body: { error: "rate must be a number greater than zero" } });
    expect(await post({ currency: "usd", date: "2024-02-01", rate: 1.25 })).toMatchObject({ status: 200, body: { currency: "USD", date: "2024-02-01", rate: 1.25 } });
    const table = await (await fetch(`${sandbox.url}/__sandbox/api/orgs/${UK}/exchange-rates`)).json();
    expect(table.rates.USD).toEqual({ "2024-02-01": 1.25 });
  });
});

describe("currencies: only enabled ones are accepted; PUT /Currencies enables one", () => {
  it("refuses documents in a currency the organisation has not enabled, with Xero's message", async () => {
    const contactID = await customer();
    const invoice = await xero.accountingApi.createInvoices(UK, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, currencyCode: CurrencyCode.JPY, lineItems: line(10) }] }, false);
    expect(invoice.body.invoices![0].validationErrors!.map((e) => e.message)).toEqual(["Organisation is not subscribed to currency JPY"]);
    const note = await xero.accountingApi.createCreditNotes(UK, { creditNotes: [{ type: CreditNote.TypeEnum.ACCRECCREDIT, contact: { contactID }, currencyCode: CurrencyCode.JPY, lineItems: line(10) }] }, false);
    expect(note.body.creditNotes![0].validationErrors!.map((e) => e.message)).toEqual(["Organisation is not subscribed to currency JPY"]);
  });

  it("createCurrency enables one (answered in Currencies); documents in it are then accepted at its day rate", async () => {
    const US = DEMO_TENANTS.us;
    const res = await xero.accountingApi.createCurrency(US, { code: CurrencyCode.EUR, description: "Euro" });
    expect(res.response.status).toBe(200);
    expect(res.body.currencies!.map((c) => ({ code: String(c.code), description: c.description }))).toEqual([{ code: "EUR", description: "Euro" }]);
    const listed = (await xero.accountingApi.getCurrencies(US)).body.currencies!.map((c) => String(c.code));
    expect(listed).toEqual(["USD", "EUR"]);
    // Enabled again: nothing changes.
    await xero.accountingApi.createCurrency(US, { code: CurrencyCode.EUR });
    expect((await xero.accountingApi.getCurrencies(US)).body.currencies).toHaveLength(2);

    const today = sandbox.sandbox.clock.today();
    const todays = sandbox.control.exchangeRates(US).rates.EUR[today];
    expect(todays).toBeGreaterThan(0.9);
    expect(todays).toBeLessThan(0.95);
    const contactID = (await xero.accountingApi.createContacts(US, { contacts: [{ name: `Euro Buyer ${Date.now()}` }] })).body.contacts![0].contactID!;
    const inv = await xero.accountingApi.createInvoices(US, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, date: today, currencyCode: CurrencyCode.EUR, lineItems: [{ description: "Work", quantity: 1, unitAmount: 10 }] }] }, false);
    expect(inv.body.invoices![0]).toMatchObject({ statusAttributeString: "OK", currencyRate: todays });
    // The demo organisations keep their own currencies.
    expect((await xero.accountingApi.getCurrencies(UK)).body.currencies!.map((c) => String(c.code))).toEqual(["GBP", "EUR"]);
  });

  it("a currency set up with rates before it is enabled keeps them; a description left out is filled in", async () => {
    sandbox.control.setExchangeRate(UK, "CHF", "2024-03-01", 1.12);
    const res = await xero.accountingApi.createCurrency(UK, { code: CurrencyCode.CHF });
    expect(res.body.currencies![0].description).toBe("Swiss Franc");
    expect(sandbox.control.exchangeRates(UK).rates.CHF).toEqual({ "2024-03-01": 1.12 });
  });

  it("an unknown or missing code is a validation error", async () => {
    const bad = await failure(xero.accountingApi.createCurrency(UK, { code: "XYZ" as unknown as CurrencyCode }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ErrorNumber: 10, Type: "ValidationException", Elements: [{ ValidationErrors: [{ Message: "'XYZ' is not a valid currency code" }] }] });
    const missing = await failure(xero.accountingApi.createCurrency(UK, { description: "Nothing" }));
    expect(missing.body).toMatchObject({ Elements: [{ ValidationErrors: [{ Message: "A currency code must be provided." }] }] });
    expect((await xero.accountingApi.getCurrencies(UK)).body.currencies!.map((c) => String(c.code))).not.toContain("XYZ");
  });
});
