import { and, eq, isNull, sql } from "drizzle-orm";
import type { Payment } from "xero-node";
import type { Db } from "@/db";
import { xeroInvoices, xeroPayments } from "@/db/schema";
import { excludedSet, storedIsNotNewer } from "../mirror-helpers";
import { money2, updatedAtOf, ymd } from "../xero-values";
import { invoiceContacts, lockPaymentContacts } from "./payment-contact";

/** The payments the cash reports need: received on sales invoices, and refunds of sales credit notes. */
export const MIRRORED_PAYMENT_TYPES = ["ACCRECPAYMENT", "ARCREDITPAYMENT"] as const;

/**
 * Mirrors payments on sales invoices and refunds of sales credit notes (date, amount in the
 * document's currency, rate, account, reconciled): the payments list, the cash reports and
 * reconciliation read them. A deleted payment keeps its row with status DELETED. A payment on an
 * invoice carries the mirrored invoice's contact (payment-contact.ts); its own copy of the invoice's
 * contact is not taken, as it may be older than the mirrored invoice and the reports read the
 * invoice's (a payment whose invoice is not mirrored has none, as the reports' join gave it).
 */
export async function mirrorPayments(db: Db, orgId: string, payments: Payment[]): Promise<number> {
  const rows = payments
    .filter((p) => {
      const type = String(p.paymentType ?? "ACCRECPAYMENT");
      return p.paymentID && ((type === "ACCRECPAYMENT" && p.invoice?.invoiceID) || (type === "ARCREDITPAYMENT" && p.creditNote?.creditNoteID));
    })
    .map((p) => ({
      orgId,
      xeroPaymentId: p.paymentID!,
      xeroInvoiceId: p.invoice?.invoiceID ?? null,
      xeroCreditNoteId: p.creditNote?.creditNoteID ?? null,
      currency: p.invoice?.currencyCode ? String(p.invoice.currencyCode) : p.creditNote?.currencyCode ? String(p.creditNote.currencyCode) : null,
      xeroAccountId: p.account?.accountID ?? null,
      paymentType: String(p.paymentType ?? "ACCRECPAYMENT"),
      status: String(p.status ?? "AUTHORISED"),
      date: ymd(p.date) ?? new Date().toISOString().slice(0, 10),
      amount: money2(p.amount),
      currencyRate: String(p.currencyRate || 1),
      reference: p.reference || null,
      isReconciled: p.isReconciled ?? false,
      xeroUpdatedAt: updatedAtOf(p.updatedDateUTC),
    }));
  if (!rows.length) return 0;
  await db.transaction(async (tx) => {
    await lockPaymentContacts(tx, orgId);
    const contacts = await invoiceContacts(tx, orgId, rows.flatMap((r) => (r.xeroInvoiceId ? [r.xeroInvoiceId] : [])));
    const withContacts = rows.map((r) => ({ ...r, xeroContactId: r.xeroInvoiceId ? (contacts.get(r.xeroInvoiceId) ?? null) : null }));
    for (let n = 0; n < withContacts.length; n += 500) {
      await tx
        .insert(xeroPayments)
        .values(withContacts.slice(n, n + 500))
        .onConflictDoUpdate({
          target: [xeroPayments.orgId, xeroPayments.xeroPaymentId],
          set: { ...excludedSet(["status", "date", "amount", "currency_rate", "reference", "is_reconciled", "xero_account_id", "xero_contact_id", "xero_updated_at"]), currency: sql`coalesce(excluded.currency, ${xeroPayments.currency})` },
          setWhere: storedIsNotNewer(xeroPayments.xeroUpdatedAt),
        });
    }
    // A payment's own copy of its invoice may leave out the currency: take the mirrored invoice's.
    if (rows.some((r) => r.currency === null)) {
      await tx
        .update(xeroPayments)
        .set({ currency: sql`(select ${xeroInvoices.currency} from ${xeroInvoices} where ${xeroInvoices.orgId} = ${xeroPayments.orgId} and ${xeroInvoices.xeroInvoiceId} = ${xeroPayments.xeroInvoiceId})` })
        .where(and(eq(xeroPayments.orgId, orgId), isNull(xeroPayments.currency)));
    }
  });
  return rows.length;
}
