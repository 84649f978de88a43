import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCursors, syncLog, xeroConnections, xeroItems } from "@/db/schema";
import { PAGED_RESOURCES, walkIsLive, type PullResource } from "./pull-resources";

/**
 * How often the safety-net pull asks Xero, sized to the daily budget (xero-notes: 1,000 calls a day
 * on the smallest tier, 5,000 at most): webhooks bring changes within seconds, so polling only
 * catches what they miss. An idle organisation then spends about 100 calls a day (see
 * idleCallsPerDay), not the 2,592 a five-minute poll of everything costs.
 */
export const POLL_EVERY_MS = {
  /** Contacts, invoices, payments and credit notes while webhooks deliver. */
  paged: 120 * 60_000,
  /** ...and while a pull has lately found changes no webhook brought (webhooks look stale). */
  pagedWebhooksStale: 5 * 60_000,
  /** Organisation, currencies, tax rates, accounts: settings that rarely change. */
  reference: 6 * 60 * 60_000,
  /** Items: for an organisation without tracked stock they only feed the invoice mapping. */
  items: 24 * 60 * 60_000,
  /** ...and where products track stock in Xero, its quantities (no item webhook; approvals also pull them). */
  itemsTracked: 10 * 60_000,
  /** Overpayments and prepayments: rare, and no webhook of their own; the reports read them. */
  cashCredits: 6 * 60 * 60_000,
} as const;

/** How long one pull's finding of missed changes keeps the paged lists on the short interval. */
export const WEBHOOKS_STALE_FOR_MS = 6 * 60 * 60_000;

const REFERENCE: PullResource[] = ["organisation", "currencies", "tax_rates", "accounts"];
const CASH_CREDITS: PullResource[] = ["overpayments", "prepayments"];
const everyFor = (resource: PullResource, stale: boolean, tracked: boolean) =>
  resource === "items" && tracked
    ? POLL_EVERY_MS.itemsTracked
    : CASH_CREDITS.includes(resource)
    ? POLL_EVERY_MS.cashCredits
    : (PAGED_RESOURCES as readonly string[]).includes(resource)
      ? stale
        ? POLL_EVERY_MS.pagedWebhooksStale
        : POLL_EVERY_MS.paged
      : resource === "items"
        ? POLL_EVERY_MS.items
        : POLL_EVERY_MS.reference;

/**
 * Organisations whose scheduled pull lately found changes that no webhook had brought (webhook-gaps.ts
 * logs them as `webhooks` / `missed`: older than the grace, newer than the mirror). A change the
 * webhooks applied comes back from the pull unchanged, and a young one may still be on its way.
 */
async function staleWebhookOrgs(db: Db, orgIds: string[], now: Date): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ orgId: syncLog.orgId })
    .from(syncLog)
    .where(and(inArray(syncLog.orgId, orgIds), eq(syncLog.recordType, "webhooks"), eq(syncLog.operation, "missed"), gte(syncLog.at, new Date(now.getTime() - WEBHOOKS_STALE_FOR_MS))));
  return new Set(rows.map((r) => r.orgId));
}

/** Organisations with a product linked to an item Xero tracks stock of: their items are read every few minutes. */
async function trackedStockOrgs(db: Db, orgIds: string[]): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ orgId: xeroItems.orgId })
    .from(xeroItems)
    .where(and(inArray(xeroItems.orgId, orgIds), eq(xeroItems.isTrackedAsInventory, true), isNotNull(xeroItems.productId)));
  return new Set(rows.map((r) => r.orgId));
}

/** For each connected organisation, the resources whose interval has run out (none: left out). */
export async function duePulls(db: Db, now = new Date()): Promise<{ orgId: string; resources: PullResource[] }[]> {
  const orgIds = (await db.select({ orgId: xeroConnections.orgId }).from(xeroConnections).where(eq(xeroConnections.status, "connected"))).map((r) => r.orgId);
  if (!orgIds.length) return [];
  const [cursors, stale, tracked] = await Promise.all([
    db.select({ orgId: syncCursors.orgId, resource: syncCursors.resource, lastPullAt: syncCursors.lastPullAt, runningSince: syncCursors.runningSince }).from(syncCursors).where(inArray(syncCursors.orgId, orgIds)),
    staleWebhookOrgs(db, orgIds, now),
    trackedStockOrgs(db, orgIds),
  ]);
  const all: PullResource[] = [...REFERENCE, "items", ...PAGED_RESOURCES];
  return orgIds
    .map((orgId) => {
      const mine = new Map(cursors.filter((c) => c.orgId === orgId).map((c) => [c.resource, c]));
      const resources = all.filter((resource) => {
        const cursor = mine.get(resource);
        // Never pulled (or a first import still missing): due now, unless a walk of it is alive (a
        // stalled one, its worker killed, is started again: walkIsLive).
        if (walkIsLive(cursor?.runningSince ?? null, now.getTime())) return false;
        if (!cursor?.lastPullAt) return true;
        return now.getTime() - cursor.lastPullAt.getTime() >= everyFor(resource, stale.has(orgId), tracked.has(orgId)) - 60_000;
      });
      return { orgId, resources };
    })
    .filter((d) => d.resources.length);
}

/**
 * The calls an idle organisation's schedule makes in a day, given the calls one idle pull of each
 * group makes (measured by the bench): webhooks delivering, nothing changing.
 */
export function idleCallsPerDay(callsPerPull: { paged: number; cashCredits: number; reference: number; items: number; reconcile: number }): number {
  const day = 24 * 60 * 60_000;
  return (
    (day / POLL_EVERY_MS.paged) * callsPerPull.paged +
    (day / POLL_EVERY_MS.cashCredits) * callsPerPull.cashCredits +
    (day / POLL_EVERY_MS.reference) * callsPerPull.reference +
    (day / POLL_EVERY_MS.items) * callsPerPull.items +
    callsPerPull.reconcile +
    NIGHTLY_CONNECTION_CHECK_CALLS
  );
}

/** The nightly reconcile asks Xero's /connections once per organisation (lib/xero/check-xero-connections.ts). */
export const NIGHTLY_CONNECTION_CHECK_CALLS = 1;
