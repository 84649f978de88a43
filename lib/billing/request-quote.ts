import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { quotes, type Quote } from "@/db/schema";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { getDeal, lockDeal } from "@/lib/crm/deals";
import { enqueueSync } from "@/lib/crm/outbox";
import { assertCanEditOwned } from "@/lib/crm/record-access";
import { getStage } from "@/lib/crm/pipeline-stages";
import { AppError, notFound } from "@/lib/errors";
import { pushRecordNow } from "@/lib/sync/outbox/push-now";
import { pushQuoteBatch } from "@/lib/sync/quotes/push-quotes";
import { getInvoiceSettings } from "./invoice-settings";
import type { QuoteRequest } from "./quote-input";



/** Quotes still in play: a deal has at most one of these at a time. */
export const OPEN_QUOTE_STATUSES = ["PENDING", "DRAFT", "SENT", "ACCEPTED"];

export type RequestedQuote = { quote: Quote; state: "sent" | "pending" | "failed"; message: string | null };

/**
 * "Create quote" on a deal: a Xero quote of the deal's lines (the invoice's mapping, tax and currency
 * rules), DRAFT or SENT (Settings -> Invoicing decides when the request does not), kept with its
 * outbox row in one transaction and sent at once. A deal with a quote still in play (draft, sent or
 * accepted) is answered that quote's conflict: a second quote to one customer for one deal is a
 * mistake someone notices in their inbox. A lost deal, or one without lines, gets no quote.
 */
export async function requestQuote(db: Db, actor: CrmActor, dealId: string, input: QuoteRequest): Promise<RequestedQuote> {
  if (!z.uuid().safeParse(dealId).success) throw notFound("That deal");
  if (!actor.canWrite) throw new AppError("forbidden", "This API key is read-only: use a key with write access to create quotes.");
  const settings = await getInvoiceSettings(db, actor.orgId);
  const quote = await db.transaction(async (tx) => {
    // Two requests at once take turns on the deal's row: the second sees the first one's quote.
    await lockDeal(tx, actor.orgId, dealId);
    const deal = await getDeal(tx, actor.orgId, dealId);
    assertCanEditOwned(actor, deal.ownerId, "deals");
    const stage = await getStage(tx, actor.orgId, deal.stageId);
    if (stage.kind === "lost") throw new AppError("conflict", `"${deal.title}" is lost: reopen it before quoting.`);
    if (!deal.lines.length) throw new AppError("validation", `"${deal.title}" has no lines: add the products to quote first.`, [{ field: "lines", message: "Add at least one line to the deal." }]);
    if (deal.xeroInvoiceId) throw new AppError("conflict", `"${deal.title}" is already invoiced in Xero: a quote would come after the bill.`);
    const [open] = await tx
      .select()
      .from(quotes)
      .where(and(eq(quotes.orgId, actor.orgId), eq(quotes.dealId, dealId), inArray(quotes.status, OPEN_QUOTE_STATUSES)))
      .orderBy(desc(quotes.createdAt))
      .limit(1);
    if (open) throw new AppError("conflict", `"${deal.title}" already has ${open.number ? `quote ${open.number}` : "a quote on its way to Xero"} (${open.status.toLowerCase()}). Decline or delete it in Xero before quoting again.`);
    const [row] = await tx
      .insert(quotes)
      .values({ orgId: actor.orgId, dealId, customerId: deal.customerId, requestedStatus: input.status ?? settings.quoteStatus, currency: deal.currency, createdBy: actor.userId })
      .returning();
    await enqueueSync(tx, actor.orgId, "quote", row.id, "upsert", null, "manual");
    return row;
  });
  const state = await pushRecordNow(db, actor.orgId, "quote", quote.id, pushQuoteBatch);
  const [now] = await db.select().from(quotes).where(eq(quotes.id, quote.id));
  if (now.xeroQuoteId) return { quote: now, state: "sent", message: null };
  if (state?.status === "failed" || state?.status === "skipped") return { quote: now, state: "failed", message: state.message };
  return { quote: now, state: "pending", message: state?.message ?? null };
}

/** The tenant API's quote fields. */
export function quoteApiRow(q: Quote, canSeeAmounts: boolean) {
  return {
    id: q.id,
    xeroQuoteId: q.xeroQuoteId,
    number: q.number,
    dealId: q.dealId,
    customerId: q.customerId,
    status: q.status,
    currency: q.currency,
    total: canSeeAmounts ? q.total : null,
    expiryDate: q.expiryDate,
    updatedAt: (q.xeroUpdatedAt ?? q.updatedAt).toISOString(),
  };
}
