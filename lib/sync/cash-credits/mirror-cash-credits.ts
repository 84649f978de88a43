import { and, eq, inArray } from "drizzle-orm";
import type { Overpayment, Prepayment } from "xero-node";
import type { Db } from "@/db";
import { xeroCashCreditAllocations, xeroCashCredits } from "@/db/schema";
import { customersByContact, excludedSet, liveAllocations, notStale, storedIsNotNewer } from "../mirror-helpers";
import { money2, updatedAtOf, ymd } from "../xero-values";

export type CashCreditKind = "overpayment" | "prepayment";

/** The sales side only: a supplier's overpayment or prepayment is not cash in. */
const SALES_TYPE: Record<CashCreditKind, string> = { overpayment: "RECEIVE-OVERPAYMENT", prepayment: "RECEIVE-PREPAYMENT" };

const idOf = (r: Overpayment | Prepayment) => ("overpaymentID" in r && r.overpaymentID) || ("prepaymentID" in r && r.prepaymentID) || "";

/**
 * Mirrors sales overpayments or prepayments with their allocations: cash received that invoices
 * show in AmountCredited, not AmountPaid, so cash-in and LTV reports would miss it otherwise.
 */
export async function mirrorCashCredits(db: Db, orgId: string, kind: CashCreditKind, records: (Overpayment | Prepayment)[]): Promise<number> {
  const incoming = records.filter((r) => idOf(r) && String(r.type ?? SALES_TYPE[kind]) === SALES_TYPE[kind]);
  if (!incoming.length) return 0;
  const stored = await db
    .select({ id: xeroCashCredits.xeroCashCreditId, updatedAt: xeroCashCredits.xeroUpdatedAt })
    .from(xeroCashCredits)
    .where(and(eq(xeroCashCredits.orgId, orgId), inArray(xeroCashCredits.xeroCashCreditId, incoming.map(idOf))));
  // An older copy than the stored one changes nothing, allocations included.
  const fresh = notStale(incoming, (r) => updatedAtOf(r.updatedDateUTC), new Map(stored.map((r) => [r.id, r.updatedAt])), idOf);
  if (!fresh.length) return 0;
  const customerOf = await customersByContact(db, orgId, fresh.map((r) => r.contact?.contactID));
  const rows = fresh.map((r) => ({
    orgId,
    xeroCashCreditId: idOf(r),
    kind,
    reference: r.reference || null,
    xeroContactId: r.contact?.contactID ?? "",
    customerId: customerOf.get(r.contact?.contactID ?? "") ?? null,
    status: String(r.status ?? "AUTHORISED"),
    date: ymd(r.date) ?? new Date().toISOString().slice(0, 10),
    currency: String(r.currencyCode ?? ""),
    currencyRate: String(r.currencyRate || 1),
    subTotal: money2(r.subTotal),
    totalTax: money2(r.totalTax),
    total: money2(r.total),
    remainingCredit: money2(r.remainingCredit),
    xeroUpdatedAt: updatedAtOf(r.updatedDateUTC),
  }));
  return db.transaction(async (tx) => {
    // The rows the guard let through: a pull and a webhook fetch running side by side cannot swap
    // in an older copy's allocations after the check above.
    const written = new Set<string>();
    for (let i = 0; i < rows.length; i += 500) {
      const upserted = await tx
        .insert(xeroCashCredits)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [xeroCashCredits.orgId, xeroCashCredits.xeroCashCreditId],
          set: excludedSet(["kind", "reference", "xero_contact_id", "customer_id", "status", "date", "currency", "currency_rate", "sub_total", "total_tax", "total", "remaining_credit", "xero_updated_at"]),
          setWhere: storedIsNotNewer(xeroCashCredits.xeroUpdatedAt),
        })
        .returning({ id: xeroCashCredits.xeroCashCreditId });
      upserted.forEach((r) => written.add(r.id));
    }
    const ids = [...written];
    const allocations = fresh
      .filter((r) => written.has(idOf(r)))
      .flatMap((r) => liveAllocations(r.allocations).map((a, position) => ({ orgId, xeroCashCreditId: idOf(r), allocationKey: a.allocationID ?? String(position), xeroInvoiceId: a.invoice.invoiceID!, amount: money2(a.amount), date: ymd(a.date) })));
    // Replaced whole, so an allocation removed in Xero goes here too.
    for (let i = 0; i < ids.length; i += 1000) await tx.delete(xeroCashCreditAllocations).where(and(eq(xeroCashCreditAllocations.orgId, orgId), inArray(xeroCashCreditAllocations.xeroCashCreditId, ids.slice(i, i + 1000))));
    for (let i = 0; i < allocations.length; i += 500) await tx.insert(xeroCashCreditAllocations).values(allocations.slice(i, i + 500)).onConflictDoNothing();
    return ids.length;
  });
}
