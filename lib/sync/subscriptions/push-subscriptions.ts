import { and, asc, eq, inArray } from "drizzle-orm";
import type { RepeatingInvoice } from "xero-node";
import type { Db } from "@/db";
import { customers, organizations, products, subscriptionLines, subscriptions, xeroInvoices, type Subscription, type SyncItem } from "@/db/schema";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { todayIn } from "@/lib/calendar";
import { nextBillingOnOrAfter } from "@/lib/crm/billing-schedule";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { causeOf, fixFor } from "../causes";
import { buildInvoice } from "../invoices/build-invoice";
import { loadXeroReference } from "../invoices/load-reference";
import { settleBatchError, type PushOutcome } from "../outbox/batch-outcome";
import { claimDueItems, renewClaim } from "../outbox/claim-items";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import { returnToQueue, settleFailed, settleSkipped, settleSynced } from "../outbox/settle-items";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { correlationIdOf } from "../xero-reads";
import { ymd } from "../xero-values";
import { subscriptionMarker, subscriptionReference } from "./subscription-reference";

/** Repeating invoices a batch sends in one POST /RepeatingInvoices. */
export const SUBSCRIPTION_BATCH = 50;

/** A subscription's interval as Xero's schedule: weeks or months. */
const SCHEDULE: Record<Subscription["interval"], { period: number; unit: "WEEKLY" | "MONTHLY" }> = {
  weekly: { period: 1, unit: "WEEKLY" },
  monthly: { period: 1, unit: "MONTHLY" },
  quarterly: { period: 3, unit: "MONTHLY" },
  yearly: { period: 12, unit: "MONTHLY" },
};

interface Sendable {
  item: SyncItem;
  subscription: Subscription | null;
  payload: RepeatingInvoice;
  operation: "create" | "update" | "delete";
}

/**
 * One batch of subscriptions to Xero repeating invoices: an active one creates or keeps in step its
 * repeating invoice (schedule from its interval, its lines through the invoice's mapping, the next
 * billing date as the start, its end date, due after the payment terms, AUTHORISED so it runs,
 * approved for sending when invoices are emailed to customers); a paused, cancelled, ended or
 * deleted one deletes it (its invoices stay). A repeating invoice whose create answer was lost is
 * looked up by the marker in its Reference before it is made again: two would bill the customer twice.
 */
export async function pushSubscriptionBatch(db: Db, orgId: string, trigger: SyncTrigger): Promise<PushOutcome> {
  const claim = await claimDueItems(db, orgId, "subscription", SUBSCRIPTION_BATCH);
  if (!claim.items.length) return { kind: "idle" };
  const { token, items } = claim;
  const rows = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.id, items.map((i) => i.entityId))));
  const byId = new Map(rows.map((s) => [s.id, s]));
  const log: SyncLogInput[] = [];
  let sent = 0;
  let failed = 0;
  let sendable: Sendable[] = [];
  try {
    // A write whose answer was lost (a create, or the create before a pause or delete) may have made
    // a repeating invoice: found by its marker, it is updated or deleted, never left running.
    const uncertain = items.filter((i) => i.uncertain && !byId.get(i.entityId)?.xeroRepeatingInvoiceId && !i.xeroId);
    const found = uncertain.length ? await findByMarker(db, orgId, uncertain.map((i) => i.entityId)) : new Map<string, RepeatingInvoice>();
    const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
    const settings = await getInvoiceSettings(db, orgId);
    const reference = await loadXeroReference(db, orgId);
    for (const item of items) {
      const sub = byId.get(item.entityId) ?? null;
      const lost = found.get(item.entityId);
      const archiving = item.operation === "archive" || !sub || sub.status !== "active";
      // An upsert goes by the subscription's own link (a resume after a delete makes a new one); a
      // removal also by the id queued with it (the subscription row may be gone).
      const xeroId = archiving ? (sub?.xeroRepeatingInvoiceId ?? item.xeroId ?? lost?.repeatingInvoiceID ?? null) : (sub.xeroRepeatingInvoiceId ?? lost?.repeatingInvoiceID ?? null);
      if (archiving) {
        if (!xeroId) {
          await settleSkipped(db, token, item, { code: "not_in_xero", message: "Nothing to remove in Xero: the subscription had no repeating invoice." });
          continue;
        }
        sendable.push({ item, subscription: sub, payload: { repeatingInvoiceID: xeroId, status: "DELETED" as never }, operation: "delete" });
        continue;
      }
      const built = await buildRepeating(db, orgId, sub, { org, settings, reference }, xeroId);
      if (built.kind === "wait") await returnToQueue(db, token, item, { delayMs: 5_000, countAttempt: false, code: "customer_not_in_xero", message: built.message });
      else if (built.kind === "failed") {
        await settleFailed(db, token, item, { code: built.cause, message: built.message });
        log.push({ orgId, recordType: "subscription", recordId: sub.id, direction: "push", operation: "upsert", result: "failed", message: built.message, trigger });
        failed++;
      } else sendable.push({ item, subscription: sub, payload: built.payload, operation: xeroId ? "update" : "create" });
    }
    const held = await renewClaim(db, token, sendable.map((s) => s.item));
    sendable = sendable.filter((s) => held.has(s.item.id));
    if (!sendable.length) {
      await logSync(db, log);
      return { kind: "progress", sent, failed };
    }
    const payload = sendable.map((s) => s.payload);
    const key = idempotencyKeyFor(orgId, "repeating-invoices", sendable.map((s) => s.item), payload);
    const answer = await callXero(db, orgId, { method: "POST", path: "/RepeatingInvoices" }, (x, t) => x.accountingApi.updateOrCreateRepeatingInvoices(t, { repeatingInvoices: payload }, false, key));
    const correlationId = correlationIdOf(answer);
    const results = answer.body.repeatingInvoices ?? [];
    // xero-node's RepeatingInvoice model drops each element's ValidationErrors: read them from the raw answer.
    const raw = ((answer.response?.data as { RepeatingInvoices?: { ValidationErrors?: { Message?: string }[]; StatusAttributeString?: string }[] } | undefined)?.RepeatingInvoices ?? []) as { ValidationErrors?: { Message?: string }[]; StatusAttributeString?: string }[];
    const settled: SyncLogInput[] = [];
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      for (const [i, s] of sendable.entries()) {
        const result = results[i];
        const errors = (raw[i]?.ValidationErrors ?? []).map((e) => e.Message ?? "").filter(Boolean);
        const recordId = s.item.entityId;
        if (result?.repeatingInvoiceID && !errors.length && raw[i]?.StatusAttributeString !== "ERROR") {
          if (s.subscription) {
            const deleted = s.operation === "delete";
            await tx
              .update(subscriptions)
              // Deleted in Xero: the link goes (a resumed subscription gets a new one); its invoices keep theirs.
              .set({
                xeroRepeatingInvoiceId: deleted ? null : result.repeatingInvoiceID,
                xeroNextScheduledDate: deleted ? null : (ymd(result.schedule?.nextScheduledDate) ?? null),
                // Billing through Xero runs from the new schedule's start (a resumed one: not across its pause).
                ...(deleted ? { xeroBillingFrom: null } : s.operation === "create" || !s.subscription.xeroBillingFrom ? { xeroBillingFrom: ymd(result.schedule?.startDate) ?? s.payload.schedule?.startDate ?? null } : {}),
              })
              .where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.id, s.subscription.id)));
            if (!deleted) await linkGeneratedInvoices(tx, orgId, s.subscription.id, result.repeatingInvoiceID);
          }
          await settleSynced(tx, token, s.item, result.repeatingInvoiceID);
          settled.push({ orgId, recordType: "subscription", recordId, xeroId: result.repeatingInvoiceID, direction: "push", operation: s.operation, result: "ok", message: s.operation === "delete" ? "Repeating invoice deleted in Xero (its invoices stay)." : `Repeating invoice ${s.operation === "create" ? "created" : "updated"} in Xero.`, correlationId, trigger });
          sent++;
          continue;
        }
        const xeroMessage = errors.join(" ") || "Xero did not return this repeating invoice.";
        const cause = causeOf(xeroMessage);
        await settleFailed(tx, token, s.item, { code: cause, message: fixFor(cause, "the subscription", xeroMessage), xeroMessage });
        settled.push({ orgId, recordType: "subscription", recordId, direction: "push", operation: s.operation, result: "failed", message: xeroMessage, correlationId, trigger });
        failed++;
      }
    });
    log.push(...settled);
    await logSync(db, log);
    return { kind: "progress", sent, failed };
  } catch (error) {
    await logSync(db, log);
    return settleBatchError(db, token, sendable.length ? sendable.map((s) => s.item) : items, error, { recordType: "subscription", trigger, wrote: true });
  }
}

type Built = { kind: "ok"; payload: RepeatingInvoice } | { kind: "wait"; message: string } | { kind: "failed"; cause: ReturnType<typeof causeOf>; message: string };

async function buildRepeating(
  db: Db,
  orgId: string,
  sub: Subscription,
  shared: { org: typeof organizations.$inferSelect; settings: Awaited<ReturnType<typeof getInvoiceSettings>>; reference: Awaited<ReturnType<typeof loadXeroReference>> },
  xeroId: string | null,
): Promise<Built> {
  const [customer] = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, sub.customerId)));
  if (!customer.xeroContactId) return { kind: "wait", message: `Waiting for customer "${customer.name}" to reach Xero.` };
  const lines = await db.select().from(subscriptionLines).where(eq(subscriptionLines.subscriptionId, sub.id)).orderBy(asc(subscriptionLines.position));
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is string => !!id))];
  const productById = new Map((productIds.length ? await db.select().from(products).where(and(eq(products.orgId, orgId), inArray(products.id, productIds))) : []).map((p) => [p.id, p]));
  const title = `Subscription (${sub.interval})`;
  // The lines as an invoice of them would be: an AUTHORISED repeating invoice needs every line's account.
  const built = buildInvoice({ deal: { id: sub.id, title, currency: sub.currency, lines }, customer, products: productById, settings: { ...shared.settings, status: "AUTHORISED" }, reference: shared.reference, orgPaymentTermDays: shared.org.defaultPaymentTermDays, today: todayIn(shared.org.timezone), xeroInvoiceId: null });
  if (!built.ok) return { kind: "failed", cause: built.cause, message: built.message.replace(/deal "Subscription \(\w+\)"/g, "the subscription").replace(/invoice/g, "repeating invoice") };
  // Never a past date: Xero would bill every period since at once (a resumed subscription, a
  // next billing date left from months ago). Today is the organisation's.
  const today = todayIn(shared.org.timezone);
  const start = sub.nextBillingDate && sub.nextBillingDate >= today ? sub.nextBillingDate : nextBillingOnOrAfter(sub.startDate, sub.interval, today, sub.endDate);
  if (!start) return { kind: "failed", cause: "validation", message: "The subscription has no billing date left before its end date: nothing to repeat." };
  const schedule = SCHEDULE[sub.interval];
  const terms = customer.paymentTermDays ?? shared.settings.paymentTermDays ?? shared.org.defaultPaymentTermDays;
  return {
    kind: "ok",
    payload: {
      ...(xeroId ? { repeatingInvoiceID: xeroId } : {}),
      type: "ACCREC" as never,
      contact: { contactID: customer.xeroContactId },
      schedule: {
        period: schedule.period,
        unit: schedule.unit as never,
        dueDate: terms,
        dueDateType: "DAYSAFTERBILLDATE" as never,
        // Only a new schedule takes a start: sent again, Xero would restart it from there.
        ...(xeroId ? {} : { startDate: start }),
        ...(sub.endDate ? { endDate: sub.endDate } : {}),
      },
      lineItems: built.invoice.lineItems,
      lineAmountTypes: built.invoice.lineAmountTypes,
      reference: subscriptionReference(sub.id),
      currencyCode: built.invoice.currencyCode,
      status: "AUTHORISED" as never,
      approvedForSending: shared.settings.sendToCustomer,
    },
  };
}

/** Repeating invoices carrying these subscriptions' markers (the list is not paged at Xero). */
async function findByMarker(db: Db, orgId: string, subscriptionIds: string[]): Promise<Map<string, RepeatingInvoice>> {
  const answer = await callXero(db, orgId, { method: "GET", path: "/RepeatingInvoices" }, (x, t) => x.accountingApi.getRepeatingInvoices(t));
  const out = new Map<string, RepeatingInvoice>();
  for (const r of answer.body.repeatingInvoices ?? []) {
    if (String(r.status) === "DELETED") continue;
    const id = subscriptionIds.find((s) => r.reference?.includes(subscriptionMarker(s)));
    if (id && r.repeatingInvoiceID) out.set(id, r);
  }
  return out;
}

/** Invoices already mirrored from this repeating invoice (a run before the link was kept) join the subscription. */
async function linkGeneratedInvoices(tx: Db, orgId: string, subscriptionId: string, repeatingInvoiceId: string) {
  await tx
    .update(xeroInvoices)
    .set({ subscriptionId })
    .where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.repeatingInvoiceId, repeatingInvoiceId)));
}
