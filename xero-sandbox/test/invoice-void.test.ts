import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invoice, type XeroClient } from "xero-node";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { failure, startConnected } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const UK = DEMO_TENANTS.uk;
let n = 0;

beforeAll(async () => {
  ({ sandbox, xero } = await startConnected());
});
afterAll(() => sandbox.close());

async function invoice(status: Invoice.StatusEnum) {
  const contactID = (await xero.accountingApi.createContacts(UK, { contacts: [{ name: `Void Customer ${Date.now()}-${++n}` }] })).body.contacts![0].contactID!;
  const lineItems = [{ description: "Work", quantity: 1, unitAmount: 100, accountCode: "200", taxType: "OUTPUT2" }];
  return (await xero.accountingApi.createInvoices(UK, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID }, status, lineItems }] }, false)).body.invoices![0];
}

const statusOf = (inv: { status?: unknown }) => String(inv.status);

describe("voiding and deleting through the Accounting API leave nothing due", () => {
  it("POST with Status VOIDED leaves AmountDue 0, as the control plane's void does", async () => {
    const viaApi = await invoice(Invoice.StatusEnum.AUTHORISED);
    expect(viaApi).toMatchObject({ total: 120, amountDue: 120 });
    const voided = (await xero.accountingApi.updateInvoice(UK, viaApi.invoiceID!, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] })).body.invoices![0];
    expect(voided).toMatchObject({ total: 120, amountDue: 0, amountPaid: 0, amountCredited: 0 });
    expect(statusOf(voided)).toBe("VOIDED");
    expect((await xero.accountingApi.getInvoice(UK, viaApi.invoiceID!)).body.invoices![0]).toMatchObject({ amountDue: 0 });

    const viaControl = await invoice(Invoice.StatusEnum.AUTHORISED);
    sandbox.control.voidInvoice(UK, viaControl.invoiceID!);
    expect((await xero.accountingApi.getInvoice(UK, viaControl.invoiceID!)).body.invoices![0]).toMatchObject({ total: 120, amountDue: 0 });
  });

  it("a deleted draft owes nothing either, as the seeded deleted invoices say", async () => {
    const draft = await invoice(Invoice.StatusEnum.DRAFT);
    const deleted = (await xero.accountingApi.updateInvoice(UK, draft.invoiceID!, { invoices: [{ status: Invoice.StatusEnum.DELETED }] })).body.invoices![0];
    expect(statusOf(deleted)).toBe("DELETED");
    expect(deleted).toMatchObject({ total: 120, amountDue: 0 });
  });

  it("an invoice with credit allocated cannot be voided (the credit would be stranded), through the API or the control plane", async () => {
    const credited = await invoice(Invoice.StatusEnum.AUTHORISED);
    sandbox.control.creditInvoice(UK, credited.invoiceID!, { amount: 20 });
    const refused = await failure(xero.accountingApi.updateInvoice(UK, credited.invoiceID!, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }));
    expect(refused.status).toBe(400);
    expect((refused.body as { Elements: { ValidationErrors: unknown[] }[] }).Elements[0].ValidationErrors).toEqual([{ Message: "Invoice not of valid status for modification" }]);
    expect(() => sandbox.control.voidInvoice(UK, credited.invoiceID!)).toThrow("Only an AUTHORISED invoice without payments or allocated credit can be voided");
    const after = (await xero.accountingApi.getInvoice(UK, credited.invoiceID!)).body.invoices![0];
    expect(after).toMatchObject({ amountCredited: 20, amountDue: 100 });
    expect(statusOf(after)).toBe("AUTHORISED");
  });
});
