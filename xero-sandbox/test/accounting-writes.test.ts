import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Invoice, LineAmountTypes, type XeroClient } from "xero-node";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { apiError, failure, startConnected } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const US = DEMO_TENANTS.us;
const UK = DEMO_TENANTS.uk;
let n = 0;
const unique = (s: string) => `${s} ${Date.now()}-${++n}`;

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.setLimits({ perMinute: 10_000, perDay: 100_000, concurrent: 5 });
});

async function customer(tenant: string = US) {
  const res = await xero.accountingApi.createContacts(tenant, { contacts: [{ name: unique("Customer") }] }, false);
  return res.body.contacts![0].contactID!;
}

describe("contacts: batch writes and Xero's validation", () => {
  it("with summarizeErrors=false answers 200 with a status per element and Xero's exact messages", async () => {
    const taken = unique("Taken Name");
    await xero.accountingApi.createContacts(US, { contacts: [{ name: taken }] }, false);
    const res = await xero.accountingApi.createContacts(US, { contacts: [{ name: unique("Good") }, { name: taken.toUpperCase() }, { name: unique("Bad Email"), emailAddress: "not-an-email" }, { firstName: "NoName" }] }, false);
    const [good, dup, email, noName] = res.body.contacts!;
    expect(res.response.status).toBe(200);
    expect(good.statusAttributeString).toBe("OK");
    expect(dup.statusAttributeString).toBe("ERROR");
    expect(dup.validationErrors![0].message).toBe(`The contact name ${taken.toUpperCase()} is already assigned to another contact. The contact name must be unique across all active contacts.`);
    expect(email.validationErrors![0].message).toBe("Email address must be valid.");
    expect(noName.validationErrors![0].message).toBe("The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber");
    const stored = await xero.accountingApi.getContacts(US, undefined, undefined, undefined, undefined, 1, false, false, taken);
    expect(stored.body.contacts).toHaveLength(1);
  });

  it("with summarizeErrors (Xero's default) one bad element fails the answer with a 400 ValidationException", async () => {
    const goodName = unique("Written Anyway");
    const err = await failure(xero.accountingApi.createContacts(US, { contacts: [{ name: goodName }, { name: "x", emailAddress: "bad" }] }));
    expect(err.status).toBe(400);
    expect(err.body).toMatchObject({ ErrorNumber: 10, Type: "ValidationException", Message: "A validation exception occurred" });
    const elements = (err.body as { Elements: { ValidationErrors: { Message: string }[] }[] }).Elements;
    expect(elements[1].ValidationErrors[0].Message).toBe("Email address must be valid.");
    // As integrators report of Xero: the good element may be written even though the answer is a 400.
    const stored = await xero.accountingApi.getContacts(US, undefined, undefined, undefined, undefined, 1, false, false, goodName);
    expect(stored.body.contacts).toHaveLength(1);
  });

  it("updates by ContactID, keeps ContactNumber, and archives", async () => {
    const id = await customer();
    await xero.accountingApi.updateContact(US, id, { contacts: [{ contactID: id, contactNumber: "CRM-42", phones: [{ phoneType: "DEFAULT" as never, phoneNumber: "555 1234" }] }] });
    const got = await xero.accountingApi.getContact(US, id);
    expect(got.body.contacts![0]).toMatchObject({ contactNumber: "CRM-42" });
    expect(got.body.contacts![0].phones![0].phoneNumber).toBe("555 1234");
    await xero.accountingApi.updateContact(US, id, { contacts: [{ contactID: id, contactStatus: "ARCHIVED" as never }] });
    // The archived name is free again for a new active contact.
    const again = await xero.accountingApi.createContacts(US, { contacts: [{ name: got.body.contacts![0].name }] }, false);
    expect(again.body.contacts![0].statusAttributeString).toBe("OK");
  });

  it("enforces a configured contact limit", async () => {
    sandbox.control.setContactLimit(UK, 0);
    const res = await xero.accountingApi.createContacts(UK, { contacts: [{ name: unique("Over Limit") }] }, false);
    expect(res.body.contacts![0].validationErrors![0].message).toMatch(/limit of 0 contacts/);
    sandbox.control.setContactLimit(UK, null);
  });
});

describe("invoices", () => {
  it("computes tax per line, rounded to 2 dp, for Exclusive and Inclusive amounts", async () => {
    const contactID = await customer();
    const line = (unitAmount: number) => ({ description: "Work", quantity: 3, unitAmount, accountCode: "200", taxType: "TAX002" });
    const res = await xero.accountingApi.createInvoices(
      US,
      {
        invoices: [
          { type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [line(33.33), line(10.01)], lineAmountTypes: LineAmountTypes.Exclusive, status: Invoice.StatusEnum.AUTHORISED },
          { type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [line(33.33)], lineAmountTypes: LineAmountTypes.Inclusive, status: Invoice.StatusEnum.DRAFT },
        ],
      },
      false,
    );
    const [ex, inc] = res.body.invoices!;
    // 3 x 33.33 = 99.99 at 8.875% = 8.874... -> 8.87; 3 x 10.01 = 30.03 -> 2.665... -> 2.67
    expect(ex.lineItems!.map((l) => l.taxAmount)).toEqual([8.87, 2.67]);
    expect(ex).toMatchObject({ subTotal: 130.02, totalTax: 11.54, total: 141.56, amountDue: 141.56 });
    expect(ex.invoiceNumber).toMatch(/^INV-\d{4}$/);
    // Inclusive: 99.99 contains 99.99 - 99.99/1.08875 = 8.15 of tax.
    expect(inc).toMatchObject({ subTotal: 91.84, totalTax: 8.15, total: 99.99 });
  });

  it("rejects bad codes, currencies, items and duplicate numbers with Xero's words", async () => {
    const contactID = await customer(UK);
    const base = { type: Invoice.TypeEnum.ACCREC, contact: { contactID }, status: Invoice.StatusEnum.AUTHORISED };
    const number = unique("UK-INV").replace(/\s/g, "-");
    const res = await xero.accountingApi.createInvoices(
      UK,
      {
        invoices: [
          { ...base, invoiceNumber: number, lineItems: [{ description: "ok", quantity: 1, unitAmount: 10, accountCode: "200", taxType: "OUTPUT2" }] },
          { ...base, invoiceNumber: number, lineItems: [{ description: "dup", quantity: 1, unitAmount: 10, accountCode: "200", taxType: "OUTPUT2" }] },
          { ...base, lineItems: [{ description: "x", quantity: 1, unitAmount: 10, accountCode: "999", taxType: "OUTPUT2" }] },
          { ...base, lineItems: [{ description: "x", quantity: 1, unitAmount: 10, accountCode: "200", taxType: "BOGUS" }] },
          { ...base, lineItems: [{ description: "x", quantity: 1, unitAmount: 10, accountCode: "200", taxType: "INPUT2" }] },
          { ...base, currencyCode: "JPY" as never, lineItems: [{ description: "x", quantity: 1, unitAmount: 10, accountCode: "200", taxType: "OUTPUT2" }] },
          { ...base, lineItems: [{ itemCode: "NOPE", quantity: 1 }] },
          { ...base, lineItems: [] },
        ],
      },
      false,
    );
    const messages = res.body.invoices!.map((i) => i.validationErrors?.map((e) => e.message) ?? []);
    expect(messages).toEqual([
      [],
      ["Invoice # must be unique."],
      ["Account code '999' is not a valid code for this document."],
      ["The TaxType code BOGUS does not exist or cannot be used for this type of transaction."],
      ["The TaxType code 'INPUT2' cannot be used with account code '200'."],
      ["Organisation is not subscribed to currency JPY"],
      ["Item code 'NOPE' is not valid", "Account code '' is not a valid code for this document.", "The TaxType code  does not exist or cannot be used for this type of transaction."],
      ["One or more line items must be specified"],
    ]);
  });

  it("lets a draft omit codes, warns on SentToContact before approval, and approves later", async () => {
    const contactID = await customer();
    const res = await xero.accountingApi.createInvoices(US, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ description: "Draft work", quantity: 1, unitAmount: 100 }], sentToContact: true }] }, false);
    const draft = res.body.invoices![0];
    expect(draft.status).toBe(Invoice.StatusEnum.DRAFT);
    expect(draft.statusAttributeString).toBe("WARNING");
    expect(draft.warnings![0].message).toBe("Only AUTHORISED invoices may have SentToContact updated.");
    const approved = await xero.accountingApi.updateInvoice(US, draft.invoiceID!, { invoices: [{ status: Invoice.StatusEnum.AUTHORISED, lineItems: [{ description: "Draft work", quantity: 1, unitAmount: 100, accountCode: "200", taxType: "NONE" }] }] });
    expect(approved.body.invoices![0].status).toBe(Invoice.StatusEnum.AUTHORISED);
  });

  it("takes tracked items out of stock when a sales invoice is approved", async () => {
    const before = (await xero.accountingApi.getItem(US, "GADGET")).body.items![0].quantityOnHand!;
    const contactID = await customer();
    await xero.accountingApi.createInvoices(US, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ itemCode: "GADGET", quantity: 2, taxType: "NONE" }], status: Invoice.StatusEnum.AUTHORISED }] });
    const after = (await xero.accountingApi.getItem(US, "GADGET")).body.items![0].quantityOnHand!;
    expect(after).toBe(before - 2);
  });

  it("creates a new contact when an invoice names an unknown Name (Xero's trap)", async () => {
    const name = unique("Named Only");
    await xero.accountingApi.createInvoices(US, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { name }, lineItems: [{ description: "x", quantity: 1, unitAmount: 5 }] }] });
    const found = await xero.accountingApi.getContacts(US, undefined, undefined, undefined, undefined, 1, false, false, name);
    expect(found.body.contacts).toHaveLength(1);
  });
});

describe("payments", () => {
  async function authorised(total = 100) {
    const contactID = await customer();
    const res = await xero.accountingApi.createInvoices(US, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ description: "Service", quantity: 1, unitAmount: total, accountCode: "200", taxType: "NONE" }], status: Invoice.StatusEnum.AUTHORISED }] });
    return res.body.invoices![0];
  }

  it("part-pays, then pays in full: PAID with FullyPaidOnDate; overpaying and paying drafts are refused", async () => {
    const inv = await authorised(100);
    const pay = (amount: number, invoiceID = inv.invoiceID!) => xero.accountingApi.createPayments(US, { payments: [{ invoice: { invoiceID }, account: { code: "090" }, amount, date: "2026-11-01" }] }, false);
    await pay(40);
    let state = (await xero.accountingApi.getInvoice(US, inv.invoiceID!)).body.invoices![0];
    expect(state).toMatchObject({ amountPaid: 40, amountDue: 60, status: Invoice.StatusEnum.AUTHORISED });
    const over = await pay(61);
    expect(over.body.payments![0].validationErrors![0].message).toBe("Payment amount exceeds the amount outstanding on this document");
    await pay(60);
    state = (await xero.accountingApi.getInvoice(US, inv.invoiceID!)).body.invoices![0];
    expect(state.status).toBe(Invoice.StatusEnum.PAID);
    expect(state.amountDue).toBe(0);
    expect(state.fullyPaidOnDate).toBeTruthy();
    expect(state.payments).toHaveLength(2);
    const locked = await failure(xero.accountingApi.updateInvoice(US, inv.invoiceID!, { invoices: [{ reference: "changed" }] }, undefined, undefined));
    expect(JSON.stringify(locked)).toContain("Invoice not of valid status for modification");

    const contactID = await customer();
    const draft = (await xero.accountingApi.createInvoices(US, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ description: "d", quantity: 1, unitAmount: 5 }] }] })).body.invoices![0];
    const onDraft = await pay(5, draft.invoiceID!);
    expect(onDraft.body.payments![0].validationErrors![0].message).toBe("Payments can only be made against Authorised documents");
  });

  it("deleting a payment reopens the invoice; a reconciled one cannot be deleted", async () => {
    const inv = await authorised(50);
    const payment = (await xero.accountingApi.createPayments(US, { payments: [{ invoice: { invoiceID: inv.invoiceID }, account: { code: "090" }, amount: 50 }] })).body.payments![0];
    await xero.accountingApi.deletePayment(US, payment.paymentID!, { status: "DELETED" });
    const reopened = (await xero.accountingApi.getInvoice(US, inv.invoiceID!)).body.invoices![0];
    expect(reopened).toMatchObject({ status: Invoice.StatusEnum.AUTHORISED, amountDue: 50 });
    const reconciled = (await xero.accountingApi.createPayments(US, { payments: [{ invoice: { invoiceID: inv.invoiceID }, account: { code: "090" }, amount: 50, isReconciled: true }] })).body.payments![0];
    const refused = await failure(xero.accountingApi.deletePayment(US, reconciled.paymentID!, { status: "DELETED" }));
    expect(JSON.stringify(refused)).toContain("reconciled");
  });
});

describe("idempotency, limits and faults", () => {
  it("replays a repeated Idempotency-Key without writing twice, and refuses the key with another body", async () => {
    const contactID = await customer();
    const body = { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ description: "Once", quantity: 1, unitAmount: 10 }] }] };
    const key = `outbox-${Date.now()}`;
    const a = await xero.accountingApi.createInvoices(US, body, false, undefined, key);
    const b = await xero.accountingApi.createInvoices(US, body, false, undefined, key);
    expect(b.body.invoices![0].invoiceID).toBe(a.body.invoices![0].invoiceID);
    const forContact = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, undefined, [contactID]);
    expect(forContact.body.invoices).toHaveLength(1);
    const other = await failure(xero.accountingApi.createInvoices(US, { invoices: [{ ...body.invoices[0], reference: "different" }] }, false, undefined, key));
    expect(other.status).toBe(400);
    expect(JSON.stringify(other.body)).toContain(`Idempotency Key: ${key} is used with a different request.`);
  });

  it("a write whose answer was lost is safe to retry with the same key", async () => {
    const contactID = await customer();
    const body = { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ description: "Dropped", quantity: 1, unitAmount: 10 }] }] };
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    const key = `drop-${Date.now()}`;
    await expect(xero.accountingApi.createInvoices(US, body, false, undefined, key)).rejects.toBeTruthy();
    const retry = await xero.accountingApi.createInvoices(US, body, false, undefined, key);
    const all = await xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, undefined, [contactID]);
    expect(all.body.invoices!.map((i) => i.invoiceID)).toEqual([retry.body.invoices![0].invoiceID]);
  });

  it("an injected 5xx on a keyed write is kept under the key: the same key gets the 500 again, a new key writes", async () => {
    const contactID = await customer();
    const body = { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ description: "Behind a 500", quantity: 1, unitAmount: 10 }] }] };
    sandbox.control.setFaults({ failNext: { count: 1, status: 500 } });
    const key = `five-${Date.now()}`;
    expect((await failure(xero.accountingApi.createInvoices(US, body, false, undefined, key))).status).toBe(500);
    expect((await failure(xero.accountingApi.createInvoices(US, body, false, undefined, key))).status).toBe(500);
    const forContact = () => xero.accountingApi.getInvoices(US, undefined, undefined, undefined, undefined, undefined, [contactID]);
    expect((await forContact()).body.invoices).toHaveLength(0);
    await xero.accountingApi.createInvoices(US, body, false, undefined, `${key}-g1`);
    expect((await forContact()).body.invoices).toHaveLength(1);
  });

  it("counts down X-MinLimit-Remaining and answers 429 with Retry-After past the minute limit", async () => {
    sandbox.control.setLimits({ perMinute: 3 });
    const first = await xero.accountingApi.getCurrencies(US);
    expect(first.response.headers["x-minlimit-remaining"]).toBe("2");
    expect(first.response.headers["x-daylimit-remaining"]).toBeDefined();
    await xero.accountingApi.getCurrencies(US);
    await xero.accountingApi.getCurrencies(US);
    const limited = await failure(xero.accountingApi.getCurrencies(US));
    expect(limited.status).toBe(429);
    expect(limited.headers["x-rate-limit-problem"]).toBe("minute");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The limit is per tenant: the other organisation still answers.
    expect((await xero.accountingApi.getCurrencies(UK)).response.status).toBe(200);
  });

  it("holds at most 5 calls in flight per tenant", async () => {
    sandbox.control.setFaults({ latencyMs: 150 });
    const results = await Promise.all(Array.from({ length: 8 }, () => xero.accountingApi.getCurrencies(US).then(() => 200, (e) => apiError(e).status)));
    expect(results.filter((s) => s === 200)).toHaveLength(5);
    expect(results.filter((s) => s === 429)).toHaveLength(3);
  });

  it("injects 503s and outages", async () => {
    sandbox.control.setFaults({ failNext: { count: 1, status: 503 } });
    const failed = await failure(xero.accountingApi.getCurrencies(US));
    expect(failed.status).toBe(503);
    expect((await xero.accountingApi.getCurrencies(US)).response.status).toBe(200);
    sandbox.control.setFaults({ outage: true });
    expect((await failure(xero.accountingApi.getCurrencies(US))).status).toBe(503);
  });
});
