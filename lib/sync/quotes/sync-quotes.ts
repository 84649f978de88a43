import { and, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Quote as XeroQuote } from "xero-node";
import type { Db } from "@/db";
import { deals, organizations, quotes, xeroConnections, xeroInvoices, type Quote } from "@/db/schema";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { xeroActor } from "@/lib/crm/crm-actor";
import { updateDeal } from "@/lib/crm/deals";
import { enqueueSync } from "@/lib/crm/outbox";
import { listStages } from "@/lib/crm/pipeline-stages";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { dealMarker } from "../invoices/deal-reference";
import { mirrorInvoices } from "../invoices/mirror-invoices";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { findInvoicesByMarker } from "../xero-reads";
import { saveXeroQuote } from "./save-quote";

/**
 * Quotes the pull watches: in Xero and not finished (invoiced and deleted are). A declined one is
 * watched for a while too: in Xero it can be marked sent again and then accepted.
 */
const WATCHED = ["DRAFT", "SENT", "ACCEPTED"];
const DECLINED_WATCH_DAYS = 30;
const watchedNow = () => or(inArray(quotes.status, WATCHED), and(eq(quotes.status, "DECLINED"), gt(quotes.updatedAt, new Date(Date.now() - DECLINED_WATCH_DAYS * 86_400_000))));
const LIVE_INVOICE = ["DRAFT", "SUBMITTED", "AUTHORISED", "PAID"];

export interface QuoteSyncResult {
  calls: number;
  changed: number;
  /** Quotes newly accepted: their deals were won (the caller sends the push that invoices them). */
  accepted: number;
  /** Accepted quotes marked INVOICED in Xero now that their deal has its invoice. */
  invoiced: number;
}

/** The connected organisations with a quote the pull must watch (no call is spent on the others). */
export async function organisationsWithWatchedQuotes(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: quotes.orgId })
    .from(quotes)
    .innerJoin(xeroConnections, and(eq(xeroConnections.orgId, quotes.orgId), eq(xeroConnections.status, "connected")))
    .where(and(isNotNull(quotes.xeroQuoteId), watchedNow()));
  return rows.map((r) => r.orgId);
}

/**
 * The quotes pull: Xero sends no quote webhooks, so while any of our quotes is open it reads the
 * quotes changed since the oldest of them (If-Modified-Since, paged), keeps their status, lines and
 * totals, and acts on an acceptance once: the deal moves to the invoicing stage and its invoice is
 * made of the quote's lines. An accepted quote whose deal has its invoice becomes INVOICED in Xero.
 */
export async function syncQuotes(db: Db, orgId: string, trigger: SyncTrigger): Promise<QuoteSyncResult> {
  const result: QuoteSyncResult = { calls: 0, changed: 0, accepted: 0, invoiced: 0 };
  const watched = await db
    .select()
    .from(quotes)
    .where(and(eq(quotes.orgId, orgId), isNotNull(quotes.xeroQuoteId), watchedNow()));
  if (!watched.length) return result;
  const byXeroId = new Map(watched.map((q) => [q.xeroQuoteId!.toLowerCase(), q]));
  // A second's margin: Xero's If-Modified-Since is to the second, and a change in that second must not be missed.
  const since = new Date(Math.min(...watched.map((q) => (q.xeroUpdatedAt ?? q.createdAt).getTime())) - 1000);
  const log: SyncLogInput[] = [];
  for (let page = 1; ; page++) {
    const answer = await callXero(db, orgId, { method: "GET", path: "/Quotes", purpose: "poll" }, (x, t) => x.accountingApi.getQuotes(t, since, undefined, undefined, undefined, undefined, undefined, undefined, page));
    result.calls++;
    const list = (answer.body.quotes ?? []).filter((xq) => xq.quoteID && byXeroId.has(xq.quoteID.toLowerCase()));
    // Converted to an invoice in Xero before we saw it accepted: that invoice (by the deal marker) is the deal's, not a second one.
    const invoicedFirst = list.filter((xq) => String(xq.status) === "INVOICED" && !byXeroId.get(xq.quoteID!.toLowerCase())!.acceptedAt);
    if (invoicedFirst.length) {
      const found = await findInvoicesByMarker(db, orgId, invoicedFirst.map((xq) => dealMarker(byXeroId.get(xq.quoteID!.toLowerCase())!.dealId)));
      result.calls++;
      if (found.xeroTenantId) await writeForXeroTenant(db, orgId, found.xeroTenantId, (tx) => mirrorInvoices(tx, orgId, found.invoices, trigger));
    }
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      for (const xq of list) {
        const ours = byXeroId.get(xq.quoteID!.toLowerCase())!;
        // Each quote on its own: one whose deal cannot follow (a failure, a rule) never holds back the others.
        try {
          await tx.transaction(async (sp) => {
            const saved = await saveXeroQuote(sp, orgId, ours, xq);
            if (saved.status !== ours.status) {
              result.changed++;
              log.push({ orgId, recordType: "quote", recordId: ours.id, xeroId: xq.quoteID!, direction: "pull", operation: "update", result: "ok", message: `${saved.number ?? "Quote"} is ${saved.status.toLowerCase()} in Xero.`, trigger });
            }
            if ((saved.status === "ACCEPTED" || saved.status === "INVOICED") && (await acceptOnce(sp, orgId, saved))) result.accepted++;
          });
        } catch (error) {
          log.push({ orgId, recordType: "quote", recordId: ours.id, xeroId: xq.quoteID!, direction: "pull", operation: "update", result: "failed", message: `Xero's ${String(xq.status).toLowerCase()} quote could not be applied: ${error instanceof Error ? error.message : String(error)}`, trigger });
        }
      }
    });
    if ((answer.body.quotes ?? []).length < 100) break;
  }
  result.invoiced = await markInvoiced(db, orgId, trigger, log);
  if (result.invoiced) result.calls++;
  await logSync(db, log);
  return result;
}

/**
 * The acceptance, acted on once however often the pull sees it (two workers, a rerun): the quote's
 * accepted time is set by one conditional update, and only that caller acts. A deal not yet won
 * moves to the invoicing stage; a won one stays where it is. Its invoice is queued to follow the
 * quote, unless it already has one (Xero's own conversion, linked by the deal marker, included).
 */
async function acceptOnce(tx: Db, orgId: string, quote: Quote): Promise<boolean> {
  const [won] = await tx
    .update(quotes)
    .set({ acceptedAt: new Date() })
    .where(and(eq(quotes.orgId, orgId), eq(quotes.id, quote.id), isNull(quotes.acceptedAt)))
    .returning({ id: quotes.id });
  if (!won) return false;
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId));
  const settings = await getInvoiceSettings(tx, orgId);
  const stages = await listStages(tx, orgId);
  const target = settings.triggerStageId ? stages.find((s) => s.id === settings.triggerStageId) : stages.find((s) => s.kind === "won");
  const [deal] = await tx.select().from(deals).where(and(eq(deals.orgId, orgId), eq(deals.id, quote.dealId)));
  if (!deal || !target) return true;
  if (!deal.wonAt && deal.stageId !== target.id) await updateDeal(tx, xeroActor(org), deal.id, { stageId: target.id });
  // Made by a person's decision (the customer's), not the automation: the invoice goes even with invoice on win off.
  const [now] = await tx.select({ xeroInvoiceId: deals.xeroInvoiceId }).from(deals).where(eq(deals.id, deal.id));
  if (!now.xeroInvoiceId || quote.status === "ACCEPTED") await enqueueSync(tx, orgId, "deal", deal.id, "upsert", null, "manual");
  return true;
}

/** Accepted quotes whose deal now has a live invoice, marked INVOICED in Xero in one call. */
async function markInvoiced(db: Db, orgId: string, trigger: SyncTrigger, log: SyncLogInput[]): Promise<number> {
  const due = await db
    .select({ quote: quotes, contactId: sql<string | null>`(select c.xero_contact_id from customers c where c.id = ${deals.customerId})` })
    .from(quotes)
    .innerJoin(deals, and(eq(deals.orgId, quotes.orgId), eq(deals.id, quotes.dealId)))
    .innerJoin(xeroInvoices, and(eq(xeroInvoices.orgId, deals.orgId), eq(xeroInvoices.xeroInvoiceId, deals.xeroInvoiceId)))
    .where(and(eq(quotes.orgId, orgId), eq(quotes.status, "ACCEPTED"), isNotNull(quotes.xeroQuoteId), inArray(xeroInvoices.status, LIVE_INVOICE)));
  if (!due.length) return 0;
  // Xero wants a quote's contact and date back on every update, and its lines kept as they are.
  const payload: XeroQuote[] = due
    .filter(({ contactId, quote }) => contactId && quote.quoteDate)
    .map(({ quote, contactId }) => ({ quoteID: quote.xeroQuoteId!, status: "INVOICED" as never, contact: { contactID: contactId! }, date: quote.quoteDate!, lineItems: quote.lines ?? [] }));
  if (!payload.length) return 0;
  const answer = await callXero(db, orgId, { method: "POST", path: "/Quotes" }, (x, t) => x.accountingApi.updateOrCreateQuotes(t, { quotes: payload }, false));
  let marked = 0;
  await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
    const sent = due.filter(({ contactId, quote }) => contactId && quote.quoteDate);
    for (const [i, { quote }] of sent.entries()) {
      const xq = answer.body.quotes?.[i];
      if (!xq?.quoteID || (xq.validationErrors ?? []).length) {
        log.push({ orgId, recordType: "quote", recordId: quote.id, xeroId: quote.xeroQuoteId, direction: "push", operation: "update", result: "failed", message: (xq?.validationErrors ?? []).map((e) => e.message).join(" ") || "Xero did not mark the quote invoiced.", trigger });
        continue;
      }
      await saveXeroQuote(tx, orgId, quote, xq);
      log.push({ orgId, recordType: "quote", recordId: quote.id, xeroId: xq.quoteID, direction: "push", operation: "update", result: "ok", message: `${xq.quoteNumber ?? "Quote"} marked invoiced in Xero.`, trigger });
      marked++;
    }
  });
  return marked;
}
