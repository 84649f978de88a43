import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invoice, Quote, QuoteStatusCodes, RepeatingInvoice, Schedule, type XeroClient } from "xero-node";
import { DEFAULT_APP, DEMO_TENANTS, type RunningSandbox } from "../index";
import { failure, startConnected } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const UK = DEMO_TENANTS.uk;

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
});
afterAll(() => sandbox.close());

async function contactId() {
  const res = await xero.accountingApi.createContacts(UK, { contacts: [{ name: `Docs Customer ${Date.now()}-${Math.random()}` }] });
  return res.body.contacts![0].contactID!;
}

describe("quotes and repeating invoices (what the sync will write)", () => {
  it("creates a quote, sends it and accepts it; refuses a jump the status flow does not allow", async () => {
    const contactID = await contactId();
    const created = await xero.accountingApi.createQuotes(UK, { quotes: [{ contact: { contactID }, date: "2026-11-01", lineItems: [{ itemCode: "TRAINING", quantity: 2, taxType: "OUTPUT2" }], title: "Training" } as Quote] }, false);
    const quote = created.body.quotes![0];
    expect(quote).toMatchObject({ status: QuoteStatusCodes.DRAFT, subTotal: 1920, totalTax: 384, total: 2304 });
    expect(quote.quoteNumber).toMatch(/^QU-\d{4}$/);
    await xero.accountingApi.updateQuote(UK, quote.quoteID!, { quotes: [{ status: QuoteStatusCodes.SENT } as Quote] });
    const accepted = await xero.accountingApi.updateQuote(UK, quote.quoteID!, { quotes: [{ status: QuoteStatusCodes.ACCEPTED } as Quote] });
    expect(accepted.body.quotes![0].status).toBe(QuoteStatusCodes.ACCEPTED);
    const jump = await xero.accountingApi.createQuotes(UK, { quotes: [{ contact: { contactID }, date: "2026-11-01", status: QuoteStatusCodes.INVOICED, lineItems: [{ description: "x", quantity: 1, unitAmount: 1 }] } as Quote] }, false);
    expect(jump.body.quotes![0].validationErrors![0].message).toMatch(/cannot move from new to INVOICED/);
    const noContact = await xero.accountingApi.createQuotes(UK, { quotes: [{ contact: { contactID: "00000000-0000-0000-0000-000000000001" }, date: "2026-11-01", lineItems: [{ description: "x", quantity: 1, unitAmount: 1 }] } as Quote] }, false);
    expect(noContact.body.quotes![0].validationErrors![0].message).toBe("The contact could not be found.");
  });

  it("creates a monthly repeating invoice that produces invoices when due", async () => {
    const contactID = await contactId();
    const today = sandbox.sandbox.clock.today();
    const res = await xero.accountingApi.createRepeatingInvoices(
      UK,
      {
        repeatingInvoices: [
          {
            type: RepeatingInvoice.TypeEnum.ACCREC,
            contact: { contactID },
            status: RepeatingInvoice.StatusEnum.AUTHORISED,
            schedule: { period: 1, unit: Schedule.UnitEnum.MONTHLY, dueDate: 14, dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE, startDate: today },
            lineItems: [{ itemCode: "RETAINER", quantity: 1, taxType: "OUTPUT2" }],
            approvedForSending: true,
          },
        ],
      },
      false,
    );
    const ri = res.body.repeatingInvoices![0];
    expect(ri.repeatingInvoiceID).toBeTruthy();
    const created = sandbox.control.runRepeatingInvoices();
    const mine = await xero.accountingApi.getInvoices(UK, undefined, undefined, undefined, created);
    const fromIt = mine.body.invoices!.filter((i) => i.repeatingInvoiceID === ri.repeatingInvoiceID);
    expect(fromIt).toHaveLength(1);
    expect(fromIt[0]).toMatchObject({ status: Invoice.StatusEnum.AUTHORISED, total: 1920 });
    // xero-node's RepeatingInvoice model drops ValidationErrors, so read this answer raw.
    const res2 = await fetch(`${sandbox.url}/api.xro/2.0/RepeatingInvoices?summarizeErrors=false`, {
      method: "PUT",
      headers: { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": UK, "content-type": "application/json" },
      body: JSON.stringify({ RepeatingInvoices: [{ Contact: { ContactID: contactID }, Schedule: { Period: 0, Unit: "DAILY" }, LineItems: [{ Description: "x", Quantity: 1, UnitAmount: 1 }] }] }),
    });
    const bad = (await res2.json()).RepeatingInvoices[0];
    expect(bad.StatusAttributeString).toBe("ERROR");
    expect(bad.ValidationErrors.map((e: { Message: string }) => e.Message)).toEqual(
      expect.arrayContaining(["Schedule Period must be a whole number of 1 or more", "Schedule Unit must be WEEKLY or MONTHLY", "Schedule StartDate must be specified"]),
    );
  });
});

describe("keys and windows expire as Xero's do", () => {
  it("forgets an Idempotency-Key after about 6 minutes: the same request then writes again", async () => {
    const contactID = await contactId();
    const body = { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, lineItems: [{ description: "Key expiry", quantity: 1, unitAmount: 1 }] }] };
    const key = `expiring-${Date.now()}`;
    const a = await xero.accountingApi.createInvoices(UK, body, false, undefined, key);
    sandbox.control.advanceClock(7 * 60);
    await xero.refreshWithRefreshToken(DEFAULT_APP.clientId, DEFAULT_APP.clientSecret, xero.readTokenSet().refresh_token!);
    const b = await xero.accountingApi.createInvoices(UK, body, false, undefined, key);
    expect(b.body.invoices![0].invoiceID).not.toBe(a.body.invoices![0].invoiceID);
  });

  it("answers 429 with the day problem once the daily budget is spent, until the next UTC day", async () => {
    sandbox.control.setLimits({ perDay: 2, perMinute: 1000 });
    await xero.accountingApi.getCurrencies(UK);
    await xero.accountingApi.getCurrencies(UK);
    const spent = await failure(xero.accountingApi.getCurrencies(UK));
    expect(spent.status).toBe(429);
    expect(spent.headers["x-rate-limit-problem"]).toBe("day");
    expect(spent.headers["x-daylimit-remaining"]).toBe("0");
    const retryAfter = Number(spent.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    sandbox.control.advanceClock(retryAfter);
    await xero.refreshWithRefreshToken(DEFAULT_APP.clientId, DEFAULT_APP.clientSecret, xero.readTokenSet().refresh_token!);
    expect((await xero.accountingApi.getCurrencies(UK)).response.status).toBe(200);
    sandbox.control.setLimits({ perDay: 5000, perMinute: 60 });
  });
});

describe("credit notes (credit applied to invoices)", () => {
  it("creates an approved sales credit note and allocates it to an approved invoice, which then owes less; a full credit pays it", async () => {
    const contactID = await contactId();
    const inv = (await xero.accountingApi.createInvoices(UK, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, status: Invoice.StatusEnum.AUTHORISED, lineItems: [{ description: "Work", quantity: 1, unitAmount: 100, accountCode: "200", taxType: "OUTPUT2" }] }] }, false)).body.invoices![0];
    const cn = (await xero.accountingApi.createCreditNotes(UK, { creditNotes: [{ type: "ACCRECCREDIT" as never, contact: { contactID }, status: "AUTHORISED" as never, lineItems: [{ description: "Refund", quantity: 1, unitAmount: 50, accountCode: "200", taxType: "OUTPUT2" }] }] }, false)).body.creditNotes![0];
    expect(cn).toMatchObject({ total: 60, remainingCredit: 60 });
    expect(cn.creditNoteNumber).toMatch(/^CN-\d{4}$/);
    const allocated = await xero.accountingApi.createCreditNoteAllocation(UK, cn.creditNoteID!, { allocations: [{ invoice: { invoiceID: inv.invoiceID! }, amount: 60, date: "2026-11-20" }] }, false);
    expect(allocated.body.allocations![0].statusAttributeString).toBe("OK");
    const after = (await xero.accountingApi.getInvoice(UK, inv.invoiceID!)).body.invoices![0];
    expect(after).toMatchObject({ amountCredited: 60, amountDue: 60 });
    const tooMuch = await xero.accountingApi.createCreditNoteAllocation(UK, cn.creditNoteID!, { allocations: [{ invoice: { invoiceID: inv.invoiceID! }, amount: 1, date: "2026-11-21" }] }, false);
    // Fully allocated, the note is PAID: nothing more to allocate.
    expect(tooMuch.body.allocations![0].validationErrors![0].message).toBe("Only an Authorised credit note can be allocated");

    const credited = sandbox.control.creditInvoice(UK, inv.invoiceID!, {});
    expect(credited).toMatchObject({ Total: 60, RemainingCredit: 0, Status: "PAID" });
    const paid = (await xero.accountingApi.getInvoice(UK, inv.invoiceID!)).body.invoices![0];
    expect(paid).toMatchObject({ amountCredited: 120, amountDue: 0 });
    expect(String(paid.status)).toBe("PAID");
    const listed = await xero.accountingApi.getCreditNotes(UK, undefined, undefined, undefined, 1);
    expect(listed.body.creditNotes!.map((c) => c.creditNoteID)).toEqual(expect.arrayContaining([cn.creditNoteID, credited.CreditNoteID]));
  });
});
