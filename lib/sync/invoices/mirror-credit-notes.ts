import type { CreditNote } from "xero-node";
import type { Db } from "@/db";
import { xeroCreditNotes } from "@/db/schema";
import { customersByContact, excludedSet, storedIsNotNewer } from "../mirror-helpers";
import { instant, money2, ymd } from "../xero-values";

/**
 * Mirrors sales credit notes (ACCRECCREDIT) with their allocations: the reports read how much of an
 * invoice was credited rather than paid, and which won deals were credited back.
 */
export async function mirrorCreditNotes(db: Db, orgId: string, notes: CreditNote[]): Promise<number> {
  const sales = notes.filter((n) => n.creditNoteID && String(n.type ?? "ACCRECCREDIT") === "ACCRECCREDIT");
  if (!sales.length) return 0;
  const customerOf = await customersByContact(db, orgId, sales.map((n) => n.contact?.contactID));
  const rows = sales.map((n) => ({
    orgId,
    xeroCreditNoteId: n.creditNoteID!,
    number: n.creditNoteNumber ?? null,
    reference: n.reference || null,
    xeroContactId: n.contact?.contactID ?? "",
    customerId: customerOf.get(n.contact?.contactID ?? "") ?? null,
    status: String(n.status ?? "DRAFT"),
    date: ymd(n.date) ?? new Date().toISOString().slice(0, 10),
    currency: String(n.currencyCode ?? ""),
    currencyRate: String(n.currencyRate || 1),
    subTotal: money2(n.subTotal),
    totalTax: money2(n.totalTax),
    total: money2(n.total),
    remainingCredit: money2(n.remainingCredit),
    allocations: (n.allocations ?? []).filter((a) => a.invoice?.invoiceID).map((a) => ({ xeroInvoiceId: a.invoice.invoiceID!, amount: money2(a.amount), date: ymd(a.date) })),
    xeroUpdatedAt: instant(n.updatedDateUTC) ?? new Date(),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(xeroCreditNotes)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [xeroCreditNotes.orgId, xeroCreditNotes.xeroCreditNoteId],
        set: excludedSet(["number", "reference", "xero_contact_id", "customer_id", "status", "date", "currency", "currency_rate", "sub_total", "total_tax", "total", "remaining_credit", "allocations", "xero_updated_at"]),
        setWhere: storedIsNotNewer(xeroCreditNotes.xeroUpdatedAt),
      });
  }
  return rows.length;
}
