import type { Payment } from "xero-node";
import type { Db } from "@/db";
import { xeroPayments } from "@/db/schema";
import { excludedSet, storedIsNotNewer } from "../mirror-helpers";
import { instant, money2, ymd } from "../xero-values";

/**
 * Mirrors payments on sales invoices (date, amount, rate, account, reconciled): the payments list,
 * the cash reports and reconciliation read them. A deleted payment keeps its row with status DELETED.
 */
export async function mirrorPayments(db: Db, orgId: string, payments: Payment[]): Promise<number> {
  const rows = payments
    .filter((p) => p.paymentID && p.invoice?.invoiceID && String(p.paymentType ?? "ACCRECPAYMENT") === "ACCRECPAYMENT")
    .map((p) => ({
      orgId,
      xeroPaymentId: p.paymentID!,
      xeroInvoiceId: p.invoice!.invoiceID!,
      xeroAccountId: p.account?.accountID ?? null,
      paymentType: String(p.paymentType ?? "ACCRECPAYMENT"),
      status: String(p.status ?? "AUTHORISED"),
      date: ymd(p.date) ?? new Date().toISOString().slice(0, 10),
      amount: money2(p.amount),
      currencyRate: String(p.currencyRate || 1),
      reference: p.reference || null,
      isReconciled: p.isReconciled ?? false,
      xeroUpdatedAt: instant(p.updatedDateUTC) ?? new Date(),
    }));
  for (let n = 0; n < rows.length; n += 500) {
    await db
      .insert(xeroPayments)
      .values(rows.slice(n, n + 500))
      .onConflictDoUpdate({
        target: [xeroPayments.orgId, xeroPayments.xeroPaymentId],
        set: excludedSet(["status", "date", "amount", "currency_rate", "reference", "is_reconciled", "xero_account_id", "xero_updated_at"]),
        setWhere: storedIsNotNewer(xeroPayments.xeroUpdatedAt),
      });
  }
  return rows.length;
}
