import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Invoice } from "xero-node";
import type { Db } from "@/db";
import { customers, dealLines, deals, organizations, pipelineStages, products, quotes, syncItems, xeroInvoices, type Customer, type QuoteLine, type SyncItem } from "@/db/schema";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { enqueueSync } from "@/lib/crm/outbox";
import { todayIn } from "@/lib/calendar";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { causeOf, fixFor } from "../causes";
import { settleBatchError, type PushOutcome } from "../outbox/batch-outcome";
import { claimDueItems, renewClaim } from "../outbox/claim-items";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import { returnToQueue, settleFailed, settleSkipped } from "../outbox/settle-items";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { rememberOwnWrites } from "../webhooks/own-writes";
import { correlationIdOf, findInvoicesByMarker } from "../xero-reads";
import { getLogger } from "@/lib/log/logger";
import { touchesTrackedStock } from "../items/stock";
import { pullResources } from "../pull/pull-resources";
import { buildInvoice } from "./build-invoice";
import { dealMarker } from "./deal-reference";
import { loadXeroReference } from "./load-reference";
import { mirrorInvoices } from "./mirror-invoices";
import { DEAD_INVOICE_STATUSES, EDITABLE_INVOICE_STATUSES } from "./invoice-status";
import { mayInvoiceAt, recordInvoice } from "./record-invoice";
import { removeLostInvoices } from "./remove-lost-invoices";
import { removeOrphanInvoices } from "./remove-orphans";

export const INVOICE_BATCH = 50;

/** Today in the organisation's time zone: the invoice date a person there expects. */

/**
 * One batch of the deal outbox to Xero invoices. A deal gets its invoice once: a deal that has one
 * updates it while it is a draft (or is told that approved invoices change through a credit note);
 * a deal whose last write may have landed is first looked for by the [lb:id] marker in References.
 * Deals wait for their customer's contact (pushed first in every drain) rather than create a
 * contact by name, which Xero would do silently.
 */
export async function pushDealBatch(db: Db, orgId: string, trigger: SyncTrigger): Promise<PushOutcome> {
  const claim = await claimDueItems(db, orgId, "deal", INVOICE_BATCH);
  if (!claim.items.length) return { kind: "idle" };
  const { token } = claim;
  // Deals deleted or taken out of the invoicing stage while their invoice may have been made: remove it.
  const removals = claim.items.filter((i) => i.operation === "archive");
  const items = claim.items.filter((i) => i.operation !== "archive");
  let removed = { log: [] as SyncLogInput[], sent: 0, failed: 0 };
  try {
    removed = await removeLostInvoices(db, orgId, token, removals, trigger);
  } catch (error) {
    return settleBatchError(db, token, claim.items, error, { recordType: "deal", trigger, wrote: false });
  }
  if (!items.length) {
    await logSync(db, removed.log);
    return { kind: "progress", sent: removed.sent, failed: removed.failed };
  }
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const settings = await getInvoiceSettings(db, orgId);
  const dealRows = await db
    .select({ deal: deals, stage: pipelineStages })
    .from(deals)
    .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
    .where(and(eq(deals.orgId, orgId), inArray(deals.id, items.map((i) => i.entityId))));
  const byId = new Map(dealRows.map((r) => [r.deal.id, r]));
  const lines = dealRows.length ? await db.select().from(dealLines).where(inArray(dealLines.dealId, dealRows.map((r) => r.deal.id))).orderBy(asc(dealLines.position)) : [];
  const customerRows = dealRows.length ? await db.select().from(customers).where(and(eq(customers.orgId, orgId), inArray(customers.id, dealRows.map((r) => r.deal.customerId)))) : [];
  const customerById = new Map(customerRows.map((c) => [c.id, c]));
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is string => !!id))];
  const productById = new Map((productIds.length ? await db.select().from(products).where(and(eq(products.orgId, orgId), inArray(products.id, productIds))) : []).map((p) => [p.id, p]));
  const invoiceIds = dealRows.map((r) => r.deal.xeroInvoiceId).filter((id): id is string => !!id);
  const statusOf = new Map((invoiceIds.length ? await db.select({ id: xeroInvoices.xeroInvoiceId, status: xeroInvoices.status, number: xeroInvoices.number }).from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), inArray(xeroInvoices.xeroInvoiceId, invoiceIds))) : []).map((r) => [r.id, r]));
  const reference = await loadXeroReference(db, orgId);
  const acceptedQuotes = await acceptedQuotesOf(db, orgId, dealRows.map((r) => r.deal.id));
  const log: SyncLogInput[] = [...removed.log];

  // Lost answers first: a deal whose invoice may exist is looked up by its marker before anything is built.
  const uncertain = items.filter((i) => i.uncertain && byId.get(i.entityId) && !byId.get(i.entityId)!.deal.xeroInvoiceId);
  if (uncertain.length) {
    try {
      const { invoices: found, xeroTenantId } = await findInvoicesByMarker(db, orgId, uncertain.map((i) => dealMarker(i.entityId)));
      if (xeroTenantId) await writeForXeroTenant(db, orgId, xeroTenantId, (tx) => mirrorInvoices(tx, orgId, found, trigger));
      for (const inv of found) {
        const row = [...byId.values()].find((r) => inv.reference?.includes(dealMarker(r.deal.id)));
        if (row) {
          row.deal = { ...row.deal, xeroInvoiceId: inv.invoiceID! };
          statusOf.set(inv.invoiceID!, { id: inv.invoiceID!, status: String(inv.status), number: inv.invoiceNumber ?? null });
        }
      }
    } catch (error) {
      return settleBatchError(db, token, items, error, { recordType: "deal", trigger, wrote: false });
    }
  }

  let sendable: { item: SyncItem; invoice: Invoice; dealTitle: string; isNew: boolean; replaces: string | null }[] = [];
  for (const item of items) {
    const row = byId.get(item.entityId);
    if (!row) {
      await settleSkipped(db, token, item, { code: "deleted", message: "The deal was deleted before it was invoiced." });
      continue;
    }
    const { deal, stage } = row;
    const what = `deal "${deal.title}"`;
    if (!mayInvoiceAt(settings, stage, item.requestedBy)) {
      await settleSkipped(db, token, item, { code: "not_won", message: `${what} left the invoicing stage before it was invoiced.` });
      continue;
    }
    const existing = deal.xeroInvoiceId ? statusOf.get(deal.xeroInvoiceId) : undefined;
    // A voided or deleted invoice no longer counts: the deal is invoiced again, and the link moves to the new one.
    const replaces = existing && DEAD_INVOICE_STATUSES.has(existing.status) ? deal.xeroInvoiceId : null;
    const currentId = replaces ? null : deal.xeroInvoiceId;
    if (!currentId && !settings.invoiceOnWin && item.requestedBy !== "manual") {
      await settleSkipped(db, token, item, { code: "invoice_on_win_off", message: `Invoice on win is off: use "Create invoice" on ${what}.` });
      continue;
    }
    if (currentId && existing && !EDITABLE_INVOICE_STATUSES.has(existing.status)) {
      await settleSkipped(db, token, item, { code: "invoice_not_editable", message: `Invoice ${existing.number ?? ""} of ${what} is ${existing.status.toLowerCase()} in Xero: make changes with a credit note in Xero.` });
      continue;
    }
    const customer = customerById.get(deal.customerId)!;
    if (!customer.xeroContactId) {
      const waiting = await customerWaits(db, orgId, customer);
      if (waiting === "queued") await returnToQueue(db, token, item, { delayMs: 5_000, countAttempt: false, code: "customer_not_in_xero", message: `Waiting for customer "${customer.name}" to reach Xero.` });
      else await settleFailed(db, token, item, { code: "customer_not_in_xero", message: `Customer "${customer.name}" is not in Xero yet: ${waiting} Then retry ${what}.` });
      continue;
    }
    const built = buildInvoice({
      deal: { ...deal, lines: lines.filter((l) => l.dealId === deal.id) },
      customer,
      products: productById,
      settings,
      reference,
      orgPaymentTermDays: org.defaultPaymentTermDays,
      today: todayIn(org.timezone),
      xeroInvoiceId: currentId,
      acceptedQuote: acceptedQuotes.get(deal.id) ?? null,
    });
    if (!built.ok) {
      await settleFailed(db, token, item, { code: built.cause, message: built.message });
      log.push({ orgId, recordType: "deal", recordId: deal.id, direction: "push", operation: "invoice", result: "failed", message: built.message, trigger });
      continue;
    }
    sendable.push({ item, invoice: built.invoice, dealTitle: deal.title, isNew: !currentId, replaces });
  }
  // Right before the write: a row taken over while this worker stalled past its lease is not ours to send.
  const held = await renewClaim(db, token, sendable.map((s) => s.item));
  sendable = sendable.filter((s) => held.has(s.item.id));
  if (!sendable.length) {
    await logSync(db, log);
    return { kind: "progress", sent: removed.sent, failed: log.length - removed.log.length + removed.failed };
  }

  try {
    const payload = sendable.map((s) => s.invoice);
    const key = idempotencyKeyFor(orgId, "invoices", sendable.map((s) => s.item), payload);
    const answer = await callXero(db, orgId, { method: "POST", path: "/Invoices" }, (xero, tenantId) => xero.accountingApi.updateOrCreateInvoices(tenantId, { invoices: payload }, false, 4, key));
    const correlationId = correlationIdOf(answer);
    const results = answer.body.invoices ?? [];
    // Recorded at once, outside the settle transaction: the webhook echo of these writes may arrive any moment.
    await rememberOwnWrites(db, orgId, "INVOICE", results.filter((r) => r.invoiceID && String(r.statusAttributeString) !== "ERROR").map((r) => ({ xeroId: r.invoiceID, updatedAt: r.updatedDateUTC })));
    const good: Invoice[] = [];
    const orphans: { dealId: string; invoice: Invoice }[] = [];
    let sent = removed.sent;
    let failed = removed.failed;
    // Links, mirror rows and settles of this answer are written only while these books are still the organisation's.
    // Log lines of the settles join the batch log only once they are committed.
    const settled: SyncLogInput[] = [];
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      for (const [i, { item, dealTitle, isNew, replaces }] of sendable.entries()) {
        const result = results[i];
        if (result?.invoiceID && String(result.statusAttributeString) !== "ERROR") {
          good.push(result);
          if ((await recordInvoice(tx, { orgId, token, item, invoice: result, isNew, replaces, settings })) === "orphan") {
            orphans.push({ dealId: item.entityId, invoice: result });
            continue;
          }
          settled.push({ orgId, recordType: "deal", recordId: item.entityId, xeroId: result.invoiceID, direction: "push", operation: isNew ? "create" : "update", result: "ok", message: `${result.invoiceNumber ?? "Invoice"} ${isNew ? "created" : "updated"} (${String(result.status)}).`, details: { amount: { total: String(result.total), currency: String(result.currencyCode) } }, correlationId, trigger });
          sent++;
          continue;
        }
        const xeroMessage = (result?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean).join(" ") || "Xero did not return this invoice.";
        const cause = causeOf(xeroMessage);
        await settleFailed(tx, token, item, { code: cause, message: fixFor(cause, `deal "${dealTitle}"`, xeroMessage), xeroMessage });
        settled.push({ orgId, recordType: "deal", recordId: item.entityId, direction: "push", operation: isNew ? "create" : "update", result: "failed", message: xeroMessage, correlationId, trigger });
        failed++;
      }
      // The answer is the invoice as Xero keeps it: mirror it now, no extra call (nor one for its webhook echo).
      await mirrorInvoices(tx, orgId, good, trigger);
    });
    log.push(...settled);
    log.push(...(await removeOrphanInvoices(db, orgId, orphans, trigger)));
    await logSync(db, log);
    await refreshStockAfter(db, orgId, good, trigger);
    return { kind: "progress", sent, failed };
  } catch (error) {
    await logSync(db, log);
    return settleBatchError(db, token, sendable.map((s) => s.item), error, { recordType: "deal", trigger, wrote: true });
  }
}

/**
 * An approved invoice on a tracked item moved its stock in Xero (items have no webhook): the items
 * are read once for the batch. A failure loses nothing (the scheduled items pull reads them), so
 * it is logged, not thrown: the invoices are already settled.
 */
async function refreshStockAfter(db: Db, orgId: string, invoices: Invoice[], trigger: SyncTrigger) {
  const approved = invoices.filter((i) => String(i.status) === "AUTHORISED").map((i) => i.invoiceID!);
  try {
    if (await touchesTrackedStock(db, orgId, approved)) await pullResources(db, orgId, ["items"], { mode: "full", trigger });
  } catch (error) {
    getLogger().warn({ err: error, orgId }, "stock not read after approved invoices; the scheduled items pull reads it");
  }
}

/** Each deal's newest accepted (or invoiced) quote with its lines: the invoice is made of it. */
async function acceptedQuotesOf(db: Db, orgId: string, dealIds: string[]) {
  if (!dealIds.length) return new Map<string, { lines: QuoteLine[]; currency: string; lineAmountTypes: string | null }>();
  const rows = await db
    .select({ dealId: quotes.dealId, lines: quotes.lines, currency: quotes.currency, lineAmountTypes: quotes.lineAmountTypes })
    .from(quotes)
    .where(and(eq(quotes.orgId, orgId), inArray(quotes.dealId, dealIds), inArray(quotes.status, ["ACCEPTED", "INVOICED"]), isNotNull(quotes.lines)))
    .orderBy(asc(quotes.acceptedAt));
  // The newest wins (ordered oldest first, so later rows overwrite).
  return new Map(rows.map((r) => [r.dealId, { lines: r.lines ?? [], currency: r.currency, lineAmountTypes: r.lineAmountTypes }]));
}

/** Whether a customer without a Xero contact is on its way ("queued"), or why not (a sentence). */
export async function customerWaits(db: Db, orgId: string, customer: Customer): Promise<"queued" | string> {
  const [latest] = await db
    .select()
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "customer"), eq(syncItems.entityId, customer.id)))
    .orderBy(desc(syncItems.updatedAt))
    .limit(1);
  if (!latest || latest.status === "synced") {
    // Nothing on its way (the customer predates the outbox, or its contact was lost): send it now.
    await enqueueSync(db, orgId, "customer", customer.id, "upsert");
    return "queued";
  }
  if (latest.status === "pending" || latest.status === "in_flight") return "queued";
  if (latest.lastErrorCode === "awaiting_review") return "it waits for a decision in Sync -> Review.";
  return `its own sync failed (${latest.lastErrorMessage ?? "see the error log"}).`;
}
