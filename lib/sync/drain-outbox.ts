import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCursors, xeroConnections } from "@/db/schema";
import { pushCustomerBatch } from "./contacts/push-contacts";
import { pushInvoiceEmailBatch } from "./invoices/push-invoice-emails";
import { pushDealBatch } from "./invoices/push-invoices";
import { pushProductBatch } from "./items/push-items";
import { pushPaymentBatch } from "./payments/push-payments";
import { pushQuoteBatch } from "./quotes/push-quotes";
import { pushSubscriptionBatch } from "./subscriptions/push-subscriptions";
import type { PushOutcome } from "./outbox/batch-outcome";
import type { SyncTrigger } from "./sync-log";
import { forXeroTenant } from "@/lib/xero/tenant-fence";

export type DrainOutcome = { kind: "done"; sent: number; failed: number } | { kind: "more"; sent: number; failed: number } | Extract<PushOutcome, { kind: "wait" | "paused" }>;

/**
 * A bounded slice of an organisation's outbox, in dependency order: customers first (a deal's
 * invoice needs its customer's contact), then products (its lines' items), then quotes, then won deals, then subscriptions' repeating invoices, then payments recorded in the portal, then "Send to customer" emails of the
 * invoices just made. Customers wait until the first contact
 * import has matched the two sides, so nothing is created in Xero that was already there. A job
 * calls this step after step until it answers done, sleeping when it says wait.
 */
export async function drainOutbox(db: Db, orgId: string, trigger: SyncTrigger, maxBatches = 10): Promise<DrainOutcome> {
  const [connection] = await db.select({ status: xeroConnections.status, xeroTenantId: xeroConnections.xeroTenantId }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  if (!connection || connection.status !== "connected") return { kind: "paused", reason: connection ? `The Xero connection is ${connection.status.replace("_", " ")}.` : "Xero is not connected." };
  const [contactsCursor] = await db
    .select({ initialDoneAt: syncCursors.initialDoneAt })
    .from(syncCursors)
    .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts")));
  const contactsReady = Boolean(contactsCursor?.initialDoneAt);
  // Everything below was decided for these books ("contacts are matched"): a switch mid-drain stops it.
  return forXeroTenant(connection.xeroTenantId, () => drainBatches(db, orgId, trigger, maxBatches, contactsReady));
}

async function drainBatches(db: Db, orgId: string, trigger: SyncTrigger, maxBatches: number, contactsReady: boolean): Promise<DrainOutcome> {
  let sent = 0;
  let failed = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    let outcome: PushOutcome = contactsReady ? await pushCustomerBatch(db, orgId, trigger) : { kind: "idle" };
    // Items before invoices: a line's item code must exist in Xero when its invoice is sent.
    if (outcome.kind === "idle") outcome = contactsReady ? await pushProductBatch(db, orgId, trigger) : { kind: "idle" };
    // Quotes need their customer's contact and their lines' items, as invoices do.
    if (outcome.kind === "idle") outcome = contactsReady ? await pushQuoteBatch(db, orgId, trigger) : { kind: "idle" };
    if (outcome.kind === "idle") outcome = contactsReady ? await pushDealBatch(db, orgId, trigger) : { kind: "idle" };
    if (outcome.kind === "idle") outcome = contactsReady ? await pushSubscriptionBatch(db, orgId, trigger) : { kind: "idle" };
    // Payments after deals: a payment is on an invoice that is already in Xero.
    if (outcome.kind === "idle") outcome = await pushPaymentBatch(db, orgId, trigger);
    if (outcome.kind === "idle") outcome = await pushInvoiceEmailBatch(db, orgId, trigger);
    if (outcome.kind === "idle") return { kind: "done", sent, failed };
    if (outcome.kind === "wait" || outcome.kind === "paused") return outcome;
    sent += outcome.sent;
    failed += outcome.failed;
  }
  return { kind: "more", sent, failed };
}
