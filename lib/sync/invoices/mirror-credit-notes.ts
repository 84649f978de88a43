import { and, eq, inArray } from "drizzle-orm";
import type { CreditNote } from "xero-node";
import type { Db } from "@/db";
import { xeroCreditAllocations, xeroCreditNotes } from "@/db/schema";
import { customersByContact, excludedSet, liveAllocations, notStale, storedIsNotNewer } from "../mirror-helpers";
import { money2, updatedAtOf, ymd } from "../xero-values";

/**
 * Mirrors sales credit notes (ACCRECCREDIT) with their allocations: the reports read how much of an
 * invoice was credited rather than paid, and which won deals were credited back.
 */
export async function mirrorCreditNotes(db: Db, orgId: string, notes: CreditNote[]): Promise<number> {
  const incoming = notes.filter((n) => n.creditNoteID && String(n.type ?? "ACCRECCREDIT") === "ACCRECCREDIT");
  if (!incoming.length) return 0;
  const stored = await db
    .select({ id: xeroCreditNotes.xeroCreditNoteId, updatedAt: xeroCreditNotes.xeroUpdatedAt })
    .from(xeroCreditNotes)
    .where(and(eq(xeroCreditNotes.orgId, orgId), inArray(xeroCreditNotes.xeroCreditNoteId, incoming.map((n) => n.creditNoteID!))));
  // An older copy than the stored one changes nothing, allocations included.
  const sales = notStale(incoming, (n) => updatedAtOf(n.updatedDateUTC), new Map(stored.map((r) => [r.id, r.updatedAt])), (n) => n.creditNoteID!);
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
    allocations: liveAllocations(n.allocations).map((a) => ({ xeroInvoiceId: a.invoice.invoiceID!, amount: money2(a.amount), date: ymd(a.date) })),
    xeroUpdatedAt: updatedAtOf(n.updatedDateUTC),
  }));
  return db.transaction(async (tx) => {
    // Allocations follow only the rows the guard let through (RETURNING): a pull and a webhook fetch
    // side by side cannot swap in an older copy's allocations after the check above.
    const written = new Set<string>();
    for (let i = 0; i < rows.length; i += 500) {
      const upserted = await tx
        .insert(xeroCreditNotes)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [xeroCreditNotes.orgId, xeroCreditNotes.xeroCreditNoteId],
          set: excludedSet(["number", "reference", "xero_contact_id", "customer_id", "status", "date", "currency", "currency_rate", "sub_total", "total_tax", "total", "remaining_credit", "allocations", "xero_updated_at"]),
          setWhere: storedIsNotNewer(xeroCreditNotes.xeroUpdatedAt),
        })
        .returning({ id: xeroCreditNotes.xeroCreditNoteId });
      upserted.forEach((r) => written.add(r.id));
    }
    const ids = [...written];
    const allocations = sales
      .filter((n) => written.has(n.creditNoteID!))
      .flatMap((n) => liveAllocations(n.allocations).map((a, position) => ({ orgId, xeroCreditNoteId: n.creditNoteID!, allocationKey: a.allocationID ?? String(position), xeroInvoiceId: a.invoice.invoiceID!, amount: money2(a.amount), date: ymd(a.date) })));
    for (let i = 0; i < ids.length; i += 1000) await tx.delete(xeroCreditAllocations).where(and(eq(xeroCreditAllocations.orgId, orgId), inArray(xeroCreditAllocations.xeroCreditNoteId, ids.slice(i, i + 1000))));
    for (let i = 0; i < allocations.length; i += 500) await tx.insert(xeroCreditAllocations).values(allocations.slice(i, i + 500)).onConflictDoNothing();
    return ids.length;
  });
}
