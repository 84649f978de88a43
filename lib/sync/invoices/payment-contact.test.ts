import { and, eq, sql } from "drizzle-orm";
import type { Invoice, Payment } from "xero-node";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { xeroPayments } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { mirrorInvoices } from "./mirror-invoices";
import { mirrorPayments } from "./mirror-payments";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

/**
 * Payments whose stored contact is not their mirrored invoice's (null when the mirror does not
 * hold the invoice): the reports read the column in place of that join, so this must stay empty.
 */
async function drifted(db: Db, orgId: string) {
  const { rows } = await db.execute<{ xero_payment_id: string }>(sql`
    select p.xero_payment_id from xero_payments p
    left join xero_invoices i on i.org_id = p.org_id and i.xero_invoice_id = p.xero_invoice_id
    where p.org_id = ${orgId} and p.xero_contact_id is distinct from i.xero_contact_id`);
  return rows.map((r) => r.xero_payment_id);
}

const contactsOfPayments = async (db: Db, orgId: string) =>
  Object.fromEntries((await db.select({ id: xeroPayments.xeroPaymentId, contact: xeroPayments.xeroContactId }).from(xeroPayments).where(eq(xeroPayments.orgId, orgId))).map((r) => [r.id, r.contact]));

describe("a payment's contact is its invoice's", () => {
  it("a pulled payment carries the contact of the invoice it pays", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const books = sandbox.sandbox.org(tenantId)!;
    const expected = Object.fromEntries([...books.payments.values()].map((p) => [p.PaymentID, books.invoices.get(p.InvoiceID)!.ContactID]));
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    expect(await contactsOfPayments(db, orgId)).toEqual(expected);
    expect(await drifted(db, orgId)).toEqual([]);
  });

  it("a payment that arrives before its invoice has no contact until the invoice arrives, then gets it", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ["contacts", "payments"], { mode: "full", trigger: "schedule" });
    const early = await contactsOfPayments(db, orgId);
    expect(Object.keys(early).length).toBeGreaterThan(3);
    // As the reports read it today: an invoice the mirror does not hold has no contact.
    expect(Object.values(early).every((c) => c === null)).toBe(true);

    await pullResources(db, orgId, ["invoices"], { mode: "full", trigger: "schedule" });
    const books = sandbox.sandbox.org(tenantId)!;
    expect(await contactsOfPayments(db, orgId)).toEqual(Object.fromEntries([...books.payments.values()].map((p) => [p.PaymentID, books.invoices.get(p.InvoiceID)!.ContactID])));
    expect(await drifted(db, orgId)).toEqual([]);
  });

  it("when Xero moves an invoice to another contact (contacts merged), its payments follow it", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const books = sandbox.sandbox.org(tenantId)!;
    const paid = [...books.payments.values()][0];
    const invoice = books.invoices.get(paid.InvoiceID)!;
    const survivor = [...books.contacts.values()].find((c) => c.ContactID !== invoice.ContactID)!;
    // Xero's merge moves the merged contact's documents onto the one kept, changing them.
    invoice.ContactID = survivor.ContactID;
    invoice.UpdatedDateUTC = sandbox.sandbox.clock.now() + 1000;
    books.invoices.touched();

    await pullResources(db, orgId, ["invoices"], { mode: "incremental", trigger: "schedule" });
    const contacts = await contactsOfPayments(db, orgId);
    for (const p of books.paymentsFor(invoice.InvoiceID)) expect(contacts[p.PaymentID]).toBe(survivor.ContactID);
    expect(await drifted(db, orgId)).toEqual([]);
  });
});

describe("the mirror keeps a payment's contact with its invoice", () => {
  const T1 = new Date("2026-11-01T10:00:00Z");
  const T2 = new Date("2026-11-01T10:05:00Z");
  const invoice = (id: string, contact: string, updated: Date): Invoice =>
    ({ invoiceID: id, type: "ACCREC", invoiceNumber: `INV-${id.slice(0, 4)}`, contact: { contactID: contact }, status: "PAID", currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive", subTotal: 100, totalTax: 0, total: 100, amountDue: 0, amountPaid: 100, amountCredited: 0, date: "2026-11-01", dueDate: "2026-11-15", updatedDateUTC: updated }) as unknown as Invoice;
  const payment = (id: string, invoiceId: string, contact?: string): Payment =>
    ({ paymentID: id, invoice: { invoiceID: invoiceId, contact: contact ? { contactID: contact } : undefined, currencyCode: "USD" }, paymentType: "ACCRECPAYMENT", status: "AUTHORISED", date: "2026-11-02", amount: 100, currencyRate: 1, updatedDateUTC: T1 }) as unknown as Payment;

  it("an older copy of an invoice with its former contact does not move its payments back", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const id = crypto.randomUUID();
    await mirrorInvoices(db, org.id, [invoice(id, "c-old", T1)], "schedule");
    await mirrorPayments(db, org.id, [payment("p-1", id, "c-old")]);
    await mirrorInvoices(db, org.id, [invoice(id, "c-new", T2)], "webhook");
    expect(await contactsOfPayments(db, org.id)).toEqual({ "p-1": "c-new" });
    // A page read before the merge lands after it: neither the invoice nor its payments go back.
    await mirrorInvoices(db, org.id, [invoice(id, "c-old", T1)], "schedule");
    // A payment's own copy of its invoice, read before the merge, does not win over the mirrored invoice.
    await mirrorPayments(db, org.id, [{ ...payment("p-1", id, "c-old"), updatedDateUTC: T2 } as Payment]);
    expect(await contactsOfPayments(db, org.id)).toEqual({ "p-1": "c-new" });
    expect(await drifted(db, org.id)).toEqual([]);
  });

  it("a refund of a credit note (ARCREDITPAYMENT) pays no invoice and has no contact", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    await mirrorPayments(db, org.id, [{ paymentID: "p-refund", creditNote: { creditNoteID: "cn-1", currencyCode: "USD" }, paymentType: "ARCREDITPAYMENT", status: "AUTHORISED", date: "2026-11-03", amount: 15, currencyRate: 1, updatedDateUTC: T1 } as unknown as Payment]);
    expect(await contactsOfPayments(db, org.id)).toEqual({ "p-refund": null });
  });

  it("an invoice moved to another contact while its payment is being written (two connections) leaves no payment behind", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    for (let round = 0; round < 20; round++) {
      const id = crypto.randomUUID();
      await mirrorInvoices(db, org.id, [invoice(id, "c-old", T1)], "schedule");
      await Promise.all([mirrorInvoices(db, org.id, [invoice(id, "c-new", T2)], "webhook"), mirrorPayments(db, org.id, [payment(`p-${round}`, id, "c-old")])]);
    }
    expect(await drifted(db, org.id)).toEqual([]);
    const rows = await db.select({ contact: xeroPayments.xeroContactId }).from(xeroPayments).where(and(eq(xeroPayments.orgId, org.id)));
    expect(rows.map((r) => r.contact)).toEqual(Array(20).fill("c-new"));
  });
});
