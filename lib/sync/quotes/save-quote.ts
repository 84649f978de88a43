import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Quote as XeroQuote } from "xero-node";
import type { Db } from "@/db";
import { quotes, type Quote, type QuoteLine } from "@/db/schema";
import { money2, updatedAtOf, ymd } from "../xero-values";

const AMOUNT_TYPES: Record<string, string> = { EXCLUSIVE: "Exclusive", INCLUSIVE: "Inclusive", NOTAX: "NoTax", "0": "Exclusive", "1": "Inclusive", "2": "NoTax" };

/** Xero's lines as kept for the invoice an acceptance makes: only what an invoice line takes. */
export function quoteLinesOf(q: XeroQuote): QuoteLine[] {
  return (q.lineItems ?? []).map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitAmount: l.unitAmount,
    ...(l.discountRate ? { discountRate: l.discountRate } : {}),
    ...(l.itemCode ? { itemCode: l.itemCode } : {}),
    ...(l.accountCode ? { accountCode: l.accountCode } : {}),
    ...(l.taxType ? { taxType: l.taxType } : {}),
    ...(l.lineAmount !== undefined ? { lineAmount: l.lineAmount } : {}),
  }));
}

/**
 * The quote as Xero answered or listed it: number, status, totals, lines, expiry. Never backwards: a
 * snapshot older than the one kept changes nothing. Answers the row as it is now.
 */
export async function saveXeroQuote(tx: Db, orgId: string, ours: Quote, q: XeroQuote): Promise<Quote> {
  const updated = updatedAtOf(q.updatedDateUTC);
  const [row] = await tx
    .update(quotes)
    .set({
      xeroQuoteId: q.quoteID!,
      number: q.quoteNumber ?? null,
      status: String(q.status ?? "DRAFT"),
      currency: q.currencyCode ? String(q.currencyCode) : ours.currency,
      subTotal: money2(q.subTotal),
      total: money2(q.total),
      lineAmountTypes: AMOUNT_TYPES[String(q.lineAmountTypes ?? "EXCLUSIVE")] ?? "Exclusive",
      lines: quoteLinesOf(q),
      quoteDate: ymd(q.date) ?? ours.quoteDate,
      expiryDate: ymd(q.expiryDate) ?? null,
      xeroUpdatedAt: updated,
      updatedAt: new Date(),
    })
    // Never backwards, checked as it is written: a slower pull's older snapshot changes nothing.
    .where(and(eq(quotes.orgId, orgId), eq(quotes.id, ours.id), or(isNull(quotes.xeroUpdatedAt), lte(quotes.xeroUpdatedAt, updated))))
    .returning();
  if (row) return row;
  const [kept] = await tx.select().from(quotes).where(and(eq(quotes.orgId, orgId), eq(quotes.id, ours.id)));
  return kept;
}
