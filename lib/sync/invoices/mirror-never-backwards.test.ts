import { and, eq } from "drizzle-orm";
import type { Contact, CreditNote, Invoice, Payment } from "xero-node";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, notifications, xeroContacts, xeroCreditAllocations, xeroInvoiceLines, xeroInvoices, xeroPayments } from "@/db/schema";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { listStages } from "@/lib/crm/pipeline-stages";
import { customerInput, dealInput } from "@/lib/crm/schemas";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { parseInput } from "@/lib/validation";
import { applyPulledContacts } from "../contacts/pull-contacts";
import { xeroContactValues } from "../contacts/contact-fields";
import { saveXeroContact } from "../contacts/link-customer";
import { mirrorCreditNotes } from "./mirror-credit-notes";
import { mirrorInvoices } from "./mirror-invoices";
import { mirrorPayments } from "./mirror-payments";

const T1 = new Date("2026-11-01T10:00:00Z");
const T2 = new Date("2026-11-01T10:05:00Z");

const invoiceAt = (id: string, dealId: string, status: string, updated: Date, lines: number): Invoice =>
  ({
    invoiceID: id, type: "ACCREC", invoiceNumber: "INV-9", reference: `Work [lb:${dealId}]`, contact: { contactID: "c-1" }, status, currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive",
    subTotal: 100, totalTax: 0, total: 100, amountDue: status === "PAID" ? 0 : 100, amountPaid: status === "PAID" ? 100 : 0, amountCredited: 0, date: "2026-11-01", dueDate: "2026-11-15", updatedDateUTC: updated,
    lineItems: Array.from({ length: lines }, (_, i) => ({ lineItemID: `${id}-l${i}`, description: `line ${i}`, quantity: 1, unitAmount: 100 / lines, lineAmount: 100 / lines, taxAmount: 0 })),
  }) as unknown as Invoice;

describe("mirror writes never go backwards", () => {
  it("an invoice snapshot older than the stored one changes nothing: no status, no lines, no second Paid note", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Stale Co" }));
    const won = (await listStages(db, org.orgId)).find((s) => s.kind === "won")!;
    const deal = await createDeal(db, org.owner, parseInput(dealInput, { title: "Stale deal", customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
    const id = crypto.randomUUID();
    const paidNotes = () => db.select().from(notifications).where(and(eq(notifications.orgId, org.orgId), eq(notifications.kind, "payment.received")));

    await mirrorInvoices(db, org.orgId, [invoiceAt(id, deal.id, "AUTHORISED", T1, 1)], "webhook");
    await mirrorInvoices(db, org.orgId, [invoiceAt(id, deal.id, "PAID", T2, 2)], "webhook");
    expect(await paidNotes()).toHaveLength(1);
    // A page fetched before the payment lands after it.
    expect(await mirrorInvoices(db, org.orgId, [invoiceAt(id, deal.id, "AUTHORISED", T1, 1)], "schedule")).toEqual({ saved: 0, newlyPaid: 0 });
    const [row] = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, org.orgId), eq(xeroInvoices.xeroInvoiceId, id)));
    expect(row).toMatchObject({ status: "PAID", amountDue: "0.00", xeroUpdatedAt: T2 });
    expect(await db.select().from(xeroInvoiceLines).where(eq(xeroInvoiceLines.xeroInvoiceId, id))).toHaveLength(2);
    // The same PAID snapshot again (a webhook retry) is no new payment.
    await mirrorInvoices(db, org.orgId, [invoiceAt(id, deal.id, "PAID", T2, 2)], "webhook");
    expect(await paidNotes()).toHaveLength(1);
  });

  it("two copies of the same payment arriving at once (a pull and a webhook fetch) send one Paid note", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Twice Co" }));
    const won = (await listStages(db, org.orgId)).find((s) => s.kind === "won")!;
    const deal = await createDeal(db, org.owner, parseInput(dealInput, { title: "Twice deal", customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
    const id = crypto.randomUUID();
    await mirrorInvoices(db, org.orgId, [invoiceAt(id, deal.id, "AUTHORISED", T1, 1)], "webhook");
    const outcomes = await Promise.all([mirrorInvoices(db, org.orgId, [invoiceAt(id, deal.id, "PAID", T2, 1)], "webhook"), mirrorInvoices(db, org.orgId, [invoiceAt(id, deal.id, "PAID", T2, 1)], "schedule")]);
    expect(outcomes.map((o) => o.newlyPaid).sort()).toEqual([0, 1]);
    expect(await db.select().from(notifications).where(and(eq(notifications.orgId, org.orgId), eq(notifications.kind, "payment.received")))).toHaveLength(1);
  });

  it("a copy without UpdatedDateUTC never freezes the row: a dated copy after it still applies, and it never replaces a dated one", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const pay = (id: string, status: string, updated?: Date) => ({ paymentID: id, invoice: { invoiceID: "i-1" }, paymentType: "ACCRECPAYMENT", status, date: "2026-11-02", amount: 50, currencyRate: 1, updatedDateUTC: updated }) as unknown as Payment;
    await mirrorPayments(db, org.orgId, [pay("p-undated", "AUTHORISED")]);
    await mirrorPayments(db, org.orgId, [pay("p-undated", "DELETED", T1)]);
    await mirrorPayments(db, org.orgId, [pay("p-dated", "DELETED", T1)]);
    await mirrorPayments(db, org.orgId, [pay("p-dated", "AUTHORISED")]);
    const rows = await db.select().from(xeroPayments).where(eq(xeroPayments.orgId, org.orgId));
    expect(Object.fromEntries(rows.map((r) => [r.xeroPaymentId, r.status]))).toEqual({ "p-undated": "DELETED", "p-dated": "DELETED" });
  });

  it("a payment deleted in Xero stays deleted when an older snapshot of it arrives", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const pay = (status: string, updated: Date) => ({ paymentID: "p-1", invoice: { invoiceID: "i-1" }, paymentType: "ACCRECPAYMENT", status, date: "2026-11-02", amount: 50, currencyRate: 1, updatedDateUTC: updated }) as unknown as Payment;
    await mirrorPayments(db, org.orgId, [pay("DELETED", T2)]);
    await mirrorPayments(db, org.orgId, [pay("AUTHORISED", T1)]);
    const [row] = await db.select().from(xeroPayments).where(eq(xeroPayments.orgId, org.orgId));
    expect(row.status).toBe("DELETED");
  });

  it("a contact page read before our push saved Xero's answer does not revert the customer's newer edit", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Moving Co", email: "new@moving.test" }));
    const contact = (email: string, updated: Date) => ({ contactID: "x-moving", contactStatus: "ACTIVE", name: "Moving Co", emailAddress: email, contactNumber: customer.id, updatedDateUTC: updated }) as unknown as Contact;
    // Our push of new@ was answered at T2 and saved; a pull page from T1 still has old@.
    const pushed = contact("new@moving.test", T2);
    await saveXeroContact(db, org.orgId, pushed, { customerId: customer.id, synced: xeroContactValues(pushed) });
    await applyPulledContacts(db, org.orgId, [contact("old@moving.test", T1)], "schedule");
    const [after] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(after.email).toBe("new@moving.test");
    // The mirror keeps the newer copy too, even when the older one is saved directly.
    await saveXeroContact(db, org.orgId, contact("old@moving.test", T1), { customerId: customer.id, synced: null });
    const [mirror] = await db.select().from(xeroContacts).where(and(eq(xeroContacts.orgId, org.orgId), eq(xeroContacts.xeroContactId, "x-moving")));
    expect(mirror).toMatchObject({ email: "new@moving.test", customerId: customer.id, xeroUpdatedAt: T2 });
  });
});

describe("what the reports read from the mirror", () => {
  it("payments keep their document's currency, credit-note refunds are kept, and allocations are rows replaced with each newer copy", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await mirrorPayments(db, org.orgId, [
      { paymentID: "p-eur", invoice: { invoiceID: "i-eur", currencyCode: "EUR" }, paymentType: "ACCRECPAYMENT", status: "AUTHORISED", date: "2026-11-02", amount: 40, currencyRate: 0.9, updatedDateUTC: T1 } as unknown as Payment,
      { paymentID: "p-refund", creditNote: { creditNoteID: "cn-1", currencyCode: "USD" }, paymentType: "ARCREDITPAYMENT", status: "AUTHORISED", date: "2026-11-03", amount: 15, currencyRate: 1, updatedDateUTC: T1 } as unknown as Payment,
      { paymentID: "p-bill", invoice: { invoiceID: "bill-1" }, paymentType: "ACCPAYPAYMENT", status: "AUTHORISED", date: "2026-11-03", amount: 99, updatedDateUTC: T1 } as unknown as Payment,
    ]);
    const payments = await db.select().from(xeroPayments).where(eq(xeroPayments.orgId, org.orgId));
    expect(payments.map((p) => [p.xeroPaymentId, p.currency, p.xeroInvoiceId, p.xeroCreditNoteId, p.amount]).sort()).toEqual([
      ["p-eur", "EUR", "i-eur", null, "40.00"],
      ["p-refund", "USD", null, "cn-1", "15.00"],
    ]);

    const note = (updated: Date, allocations: { id: string; invoice: string; amount: number; deleted?: boolean }[]) =>
      ({ creditNoteID: "cn-1", type: "ACCRECCREDIT", creditNoteNumber: "CN-1", contact: { contactID: "c-1" }, status: "AUTHORISED", date: "2026-11-01", currencyCode: "USD", subTotal: 50, totalTax: 0, total: 50, remainingCredit: 0, updatedDateUTC: updated, allocations: allocations.map((a) => ({ allocationID: a.id, invoice: { invoiceID: a.invoice }, amount: a.amount, date: "2026-11-04", isDeleted: a.deleted ?? false })) }) as unknown as CreditNote;
    const allocationsNow = async () => (await db.select().from(xeroCreditAllocations).where(eq(xeroCreditAllocations.orgId, org.orgId))).map((a) => [a.allocationKey, a.xeroInvoiceId, a.amount]).sort();
    await mirrorCreditNotes(db, org.orgId, [note(T1, [{ id: "a1", invoice: "i-1", amount: 30 }, { id: "a2", invoice: "i-2", amount: 20 }])]);
    expect(await allocationsNow()).toEqual([["a1", "i-1", "30.00"], ["a2", "i-2", "20.00"]]);
    // Xero removed one allocation (a newer copy): it goes; an older copy arriving late changes nothing.
    await mirrorCreditNotes(db, org.orgId, [note(T2, [{ id: "a1", invoice: "i-1", amount: 30 }, { id: "a2", invoice: "i-2", amount: 20, deleted: true }])]);
    await mirrorCreditNotes(db, org.orgId, [note(T1, [{ id: "a1", invoice: "i-1", amount: 30 }, { id: "a2", invoice: "i-2", amount: 20 }])]);
    expect(await allocationsNow()).toEqual([["a1", "i-1", "30.00"]]);
  });
});

describe("when an invoice was sent", () => {
  it("an invoice imported already sent was sent by its last change in Xero, not at the import; later sightings keep the first", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const id = crypto.randomUUID();
    const longAgo = new Date("2024-03-01T09:00:00Z");
    const sent = (updated: Date) => ({ ...invoiceAt(id, crypto.randomUUID(), "AUTHORISED", updated, 1), reference: "old work", sentToContact: true }) as unknown as Invoice;
    await mirrorInvoices(db, org.orgId, [sent(longAgo)], "initial");
    const sentAt = async () => (await db.select({ sentAt: xeroInvoices.sentAt }).from(xeroInvoices).where(and(eq(xeroInvoices.orgId, org.orgId), eq(xeroInvoices.xeroInvoiceId, id))))[0].sentAt;
    expect((await sentAt())?.toISOString()).toBe(longAgo.toISOString());
    await mirrorInvoices(db, org.orgId, [sent(T2)], "webhook");
    expect((await sentAt())?.toISOString()).toBe(longAgo.toISOString());
  });
});
