import { and, asc, eq, inArray } from "drizzle-orm";
import type { Quote as XeroQuote } from "xero-node";
import type { Db } from "@/db";
import { customers, dealLines, deals, organizations, products, quotes, type Quote, type SyncItem } from "@/db/schema";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { addDays, todayIn } from "@/lib/calendar";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { causeOf, fixFor } from "../causes";
import { buildInvoice } from "../invoices/build-invoice";
import { customerWaits } from "../invoices/push-invoices";
import { loadXeroReference } from "../invoices/load-reference";
import { settleBatchError, type PushOutcome } from "../outbox/batch-outcome";
import { claimDueItems, renewClaim } from "../outbox/claim-items";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import { returnToQueue, settleFailed, settleSkipped, settleSynced } from "../outbox/settle-items";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { correlationIdOf } from "../xero-reads";
import { findQuotesByMarker } from "./find-quotes";
import { quoteMarker, quoteReference } from "./quote-reference";
import { saveXeroQuote } from "./save-quote";

/** Quotes a batch sends in one POST /Quotes. */
export const QUOTE_BATCH = 50;

/** How long a quote stays valid when nothing else is said (Xero's own default is none). */
export const QUOTE_VALID_DAYS = 30;

interface Sendable {
  item: SyncItem;
  quote: Quote;
  payload: XeroQuote;
}

/**
 * One batch of "Create quote" to Xero: claimed through the outbox, each quote built from its deal's
 * lines by the invoice's own mapping (items, accounts, tax by the customer's location, the currency
 * Xero must have), the deal marker in its Reference, sent in one POST /Quotes under an
 * Idempotency-Key. A quote whose answer was lost is looked up by its own marker before it is sent
 * again: a second quote in the customer's inbox is the duplicate a person notices first.
 */
export async function pushQuoteBatch(db: Db, orgId: string, trigger: SyncTrigger): Promise<PushOutcome> {
  const claim = await claimDueItems(db, orgId, "quote", QUOTE_BATCH);
  if (!claim.items.length) return { kind: "idle" };
  const { token, items } = claim;
  const rows = await db
    .select()
    .from(quotes)
    .where(and(eq(quotes.orgId, orgId), inArray(quotes.id, items.map((i) => i.entityId))));
  const byId = new Map(rows.map((q) => [q.id, q]));
  const log: SyncLogInput[] = [];
  let sent = 0;
  let failed = 0;
  const waiting: SyncItem[] = [];
  for (const item of items) {
    const quote = byId.get(item.entityId);
    if (!quote) await settleSkipped(db, token, item, { code: "deleted", message: "The quote's deal was deleted before the quote reached Xero." });
    else if (quote.xeroQuoteId) await settleSynced(db, token, item, quote.xeroQuoteId);
    else waiting.push(item);
  }
  if (!waiting.length) return { kind: "progress", sent: 0, failed: 0 };

  try {
    // A write that may have landed: found by its marker, it is linked and not sent again.
    const uncertain = waiting.filter((i) => i.uncertain);
    if (uncertain.length) {
      const found = await findQuotesByMarker(db, orgId, uncertain.map((i) => byId.get(i.entityId)!));
      if (found.quotes.length) {
        await writeForXeroTenant(db, orgId, found.xeroTenantId!, async (tx) => {
          for (const item of uncertain) {
            const match = found.quotes.find((q) => q.reference?.includes(quoteMarker(item.entityId)));
            if (!match?.quoteID) continue;
            await saveXeroQuote(tx, orgId, byId.get(item.entityId)!, match);
            await settleSynced(tx, token, item, match.quoteID);
            log.push({ orgId, recordType: "quote", recordId: item.entityId, xeroId: match.quoteID, direction: "push", operation: "create", result: "ok", message: `${match.quoteNumber ?? "Quote"} found in Xero: the earlier attempt had reached it.`, trigger });
            sent++;
          }
        });
      }
      const linked = new Set(found.quotes.map((q) => q.reference ?? ""));
      for (let i = waiting.length - 1; i >= 0; i--) if ([...linked].some((r) => r.includes(quoteMarker(waiting[i].entityId)))) waiting.splice(i, 1);
    }
    let sendable: Sendable[] = [];
    for (const item of waiting) {
      const built = await buildQuote(db, orgId, byId.get(item.entityId)!);
      if (built.kind === "wait") await returnToQueue(db, token, item, { delayMs: 5_000, countAttempt: false, code: "customer_not_in_xero", message: built.message });
      else if (built.kind === "failed") {
        await refuse(db, orgId, item.entityId);
        await settleFailed(db, token, item, { code: built.cause, message: built.message });
        log.push({ orgId, recordType: "quote", recordId: item.entityId, direction: "push", operation: "create", result: "failed", message: built.message, trigger });
        failed++;
      } else sendable.push({ item, quote: byId.get(item.entityId)!, payload: built.payload });
    }
    const held = await renewClaim(db, token, sendable.map((s) => s.item));
    sendable = sendable.filter((s) => held.has(s.item.id));
    if (!sendable.length) {
      await logSync(db, log);
      return { kind: "progress", sent, failed };
    }
    const payload = sendable.map((s) => s.payload);
    const key = idempotencyKeyFor(orgId, "quotes", sendable.map((s) => s.item), payload);
    const answer = await callXero(db, orgId, { method: "POST", path: "/Quotes" }, (xero, tenantId) => xero.accountingApi.updateOrCreateQuotes(tenantId, { quotes: payload }, false, key));
    const correlationId = correlationIdOf(answer);
    const results = answer.body.quotes ?? [];
    const settled: SyncLogInput[] = [];
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      for (const [i, s] of sendable.entries()) {
        const result = results[i];
        const errors = (result?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean);
        if (result?.quoteID && String(result.statusAttributeString) !== "ERROR" && !errors.length) {
          await saveXeroQuote(tx, orgId, s.quote, result);
          await settleSynced(tx, token, s.item, result.quoteID);
          settled.push({ orgId, recordType: "quote", recordId: s.quote.id, xeroId: result.quoteID, direction: "push", operation: "create", result: "ok", message: `${result.quoteNumber ?? "Quote"} created (${String(result.status)}).`, correlationId, trigger });
          sent++;
          continue;
        }
        const xeroMessage = errors.join(" ") || "Xero did not return this quote.";
        const cause = causeOf(xeroMessage);
        await refuse(tx, orgId, s.quote.id);
        await settleFailed(tx, token, s.item, { code: cause, message: fixFor(cause, "the quote", xeroMessage), xeroMessage });
        settled.push({ orgId, recordType: "quote", recordId: s.quote.id, direction: "push", operation: "create", result: "failed", message: xeroMessage, correlationId, trigger });
        failed++;
      }
    });
    log.push(...settled);
    await logSync(db, log);
    return { kind: "progress", sent, failed };
  } catch (error) {
    await logSync(db, log);
    return settleBatchError(db, token, waiting, error, { recordType: "quote", trigger, wrote: true });
  }
}

/** A quote Xero refused (or that cannot be built) is over: it no longer holds its deal back from a new quote. */
async function refuse(db: Db, orgId: string, quoteId: string) {
  await db.update(quotes).set({ status: "REFUSED", updatedAt: new Date() }).where(and(eq(quotes.orgId, orgId), eq(quotes.id, quoteId), eq(quotes.status, "PENDING")));
}

type BuiltQuote = { kind: "ok"; payload: XeroQuote } | { kind: "wait"; message: string } | { kind: "failed"; cause: ReturnType<typeof causeOf>; message: string };

/** The quote from its deal as it is now, through the invoice's mapping (a draft's checks: nothing is approved yet). */
async function buildQuote(db: Db, orgId: string, quote: Quote): Promise<BuiltQuote> {
  const [deal] = await db.select().from(deals).where(and(eq(deals.orgId, orgId), eq(deals.id, quote.dealId)));
  if (!deal) return { kind: "failed", cause: "validation", message: "The deal of this quote was deleted." };
  const [customer] = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, deal.customerId)));
  if (!customer.xeroContactId) {
    // As an invoice does: wait for a customer on its way, fail (in the error log) one that is not.
    const waiting = await customerWaits(db, orgId, customer);
    if (waiting === "queued") return { kind: "wait", message: `Waiting for customer "${customer.name}" to reach Xero.` };
    return { kind: "failed", cause: "customer_not_in_xero", message: `Customer "${customer.name}" is not in Xero yet: ${waiting} Then quote again.` };
  }
  const lines = await db.select().from(dealLines).where(eq(dealLines.dealId, deal.id)).orderBy(asc(dealLines.position));
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is string => !!id))];
  const productById = new Map((productIds.length ? await db.select().from(products).where(and(eq(products.orgId, orgId), inArray(products.id, productIds))) : []).map((p) => [p.id, p]));
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const settings = await getInvoiceSettings(db, orgId);
  const today = todayIn(org.timezone);
  const built = buildInvoice({ deal: { ...deal, lines }, customer, products: productById, settings: { ...settings, status: "DRAFT" }, reference: await loadXeroReference(db, orgId), orgPaymentTermDays: org.defaultPaymentTermDays, today, xeroInvoiceId: null });
  if (!built.ok) return { kind: "failed", cause: built.cause, message: built.message.replace(/invoice/g, "quote") };
  const invoice = built.invoice;
  return {
    kind: "ok",
    payload: {
      contact: invoice.contact,
      date: today,
      expiryDate: addDays(today, QUOTE_VALID_DAYS),
      title: deal.title.slice(0, 100),
      reference: quoteReference(deal.title, deal.id, quote.id),
      currencyCode: invoice.currencyCode,
      lineAmountTypes: "EXCLUSIVE" as never,
      status: quote.requestedStatus as never,
      lineItems: invoice.lineItems,
    },
  };
}
