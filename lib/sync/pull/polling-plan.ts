import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCursors, syncLog, xeroConnections } from "@/db/schema";
import { PAGED_RESOURCES, type PullResource } from "./pull-resources";

/**
 * How often the safety-net pull asks Xero, sized to the daily budget (xero-notes: 1,000 calls a day
 * on the smallest tier, 5,000 at most): webhooks bring changes within seconds, so polling only
 * catches what they miss. An idle organisation then spends about 100 calls a day (see
 * idleCallsPerDay), not the 2,592 a five-minute poll of everything costs.
 */
export const POLL_EVERY_MS = {
  /** Contacts, invoices, payments, credit notes, overpayments and prepayments while webhooks deliver. */
  paged: 120 * 60_000,
  /** ...and while a pull has lately found changes no webhook brought (webhooks look stale). */
  pagedWebhooksStale: 5 * 60_000,
  /** Organisation, currencies, tax rates, accounts: settings that rarely change. */
  reference: 6 * 60 * 60_000,
  /** Items: until inventory is synced, they only feed the invoice mapping. */
  items: 24 * 60 * 60_000,
} as const;

/** How long one pull's finding of missed changes keeps the paged lists on the short interval. */
export const WEBHOOKS_STALE_FOR_MS = 6 * 60 * 60_000;

const REFERENCE: PullResource[] = ["organisation", "currencies", "tax_rates", "accounts"];
const everyFor = (resource: PullResource, stale: boolean) =>
  (PAGED_RESOURCES as readonly string[]).includes(resource) ? (stale ? POLL_EVERY_MS.pagedWebhooksStale : POLL_EVERY_MS.paged) : resource === "items" ? POLL_EVERY_MS.items : POLL_EVERY_MS.reference;

/**
 * Organisations whose scheduled pull found something that no webhook had brought: a change mirrored
 * by a pull of the schedule (the sync log's pull rows of trigger "schedule") within the window.
 * Changes webhooks already applied come back from the pull unchanged and log nothing.
 */
/** The kinds Xero sends webhooks for, as the sync log names them (settings changes have none). */
const WEBHOOK_KINDS = ["customer", "contact", "invoice", "credit_note"];

async function staleWebhookOrgs(db: Db, orgIds: string[], now: Date): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ orgId: syncLog.orgId })
    .from(syncLog)
    .where(and(inArray(syncLog.orgId, orgIds), eq(syncLog.direction, "pull"), eq(syncLog.trigger, "schedule"), inArray(syncLog.recordType, WEBHOOK_KINDS), gte(syncLog.at, new Date(now.getTime() - WEBHOOKS_STALE_FOR_MS))));
  return new Set(rows.map((r) => r.orgId));
}

/** For each connected organisation, the resources whose interval has run out (none: left out). */
export async function duePulls(db: Db, now = new Date()): Promise<{ orgId: string; resources: PullResource[] }[]> {
  const orgIds = (await db.select({ orgId: xeroConnections.orgId }).from(xeroConnections).where(eq(xeroConnections.status, "connected"))).map((r) => r.orgId);
  if (!orgIds.length) return [];
  const [cursors, stale] = await Promise.all([
    db.select({ orgId: syncCursors.orgId, resource: syncCursors.resource, lastPullAt: syncCursors.lastPullAt, running: sql<boolean>`${syncCursors.runningSince} is not null` }).from(syncCursors).where(inArray(syncCursors.orgId, orgIds)),
    staleWebhookOrgs(db, orgIds, now),
  ]);
  const all: PullResource[] = [...REFERENCE, "items", ...PAGED_RESOURCES];
  return orgIds
    .map((orgId) => {
      const mine = new Map(cursors.filter((c) => c.orgId === orgId).map((c) => [c.resource, c]));
      const resources = all.filter((resource) => {
        const cursor = mine.get(resource);
        // Never pulled (or a first import still missing): due now; it completes the import.
        if (!cursor?.lastPullAt) return !cursor?.running;
        return now.getTime() - cursor.lastPullAt.getTime() >= everyFor(resource, stale.has(orgId)) - 60_000;
      });
      return { orgId, resources };
    })
    .filter((d) => d.resources.length);
}

/**
 * The calls an idle organisation's schedule makes in a day, given the calls one idle pull of each
 * group makes (measured by the bench): webhooks delivering, nothing changing.
 */
export function idleCallsPerDay(callsPerPull: { paged: number; reference: number; items: number; reconcile: number }): number {
  const day = 24 * 60 * 60_000;
  return (day / POLL_EVERY_MS.paged) * callsPerPull.paged + (day / POLL_EVERY_MS.reference) * callsPerPull.reference + (day / POLL_EVERY_MS.items) * callsPerPull.items + callsPerPull.reconcile;
}
