import { and, count, desc, eq, inArray, max, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCursors, syncItems, syncLog, syncReviews, xeroConnections } from "@/db/schema";
import { STALLED_WALK_MS } from "../pull/pull-resources";

/** `waiting_for_first_import`: connected, but Xero's contacts are not all in yet, so nothing is sent (the scheduled pull finishes the import). */
export type SyncHealth = "healthy" | "degraded" | "paused" | "importing" | "waiting_for_first_import" | "not_connected";

/** The troubleshooting guide's status, exactly its fields (seeds/001): the tenant and admin APIs answer this. */
export interface SyncStatus {
  connected: boolean;
  token_expires_at: string | null;
  last_sync: string | null;
  sync_status: SyncHealth;
  pending_syncs: number;
  failed_syncs: number;
  errors: { type: string; message: string; timestamp: string }[];
}

/**
 * The kinds the engine sends today. Products and subscriptions are queued in the outbox already but
 * go to Xero with billing automation; counting them as "pending" would report work nothing does.
 */
export const PUSHED_ENTITIES = ["customer", "deal", "invoice_email"] as const;

const TYPE_OF: Record<string, string> = { customer: "contact_sync", deal: "invoice_sync", invoice_email: "invoice_email_sync", product: "item_sync", subscription: "repeating_invoice_sync", payment: "payment_sync" };

export async function getSyncStatus(db: Db, orgId: string): Promise<SyncStatus> {
  const [connection] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  const counts = await db
    .select({ status: syncItems.status, n: count() })
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), inArray(syncItems.entityType, [...PUSHED_ENTITIES]), inArray(syncItems.status, ["pending", "in_flight", "failed"])))
    .groupBy(syncItems.status);
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const failedRows = await db
    .select({ entityType: syncItems.entityType, message: syncItems.lastErrorMessage, xeroMessage: syncItems.lastXeroMessage, at: syncItems.updatedAt })
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "failed")))
    .orderBy(desc(syncItems.updatedAt))
    .limit(20);
  const [{ lastLog }] = await db.select({ lastLog: max(syncLog.at) }).from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.result, "ok")));
  const [{ lastPull, running, contactsImported }] = await db
    .select({
      lastPull: max(syncCursors.lastPullAt),
      // A walk whose worker died stops counting as running once it stalls (walkIsLive).
      running: sql<number>`count(*) filter (where ${syncCursors.runningSince} > ${new Date(Date.now() - STALLED_WALK_MS).toISOString()}::timestamptz)`.mapWith(Number),
      contactsImported: sql<boolean>`bool_or(${syncCursors.resource} = 'contacts' and ${syncCursors.initialDoneAt} is not null)`.mapWith(Boolean),
    })
    .from(syncCursors)
    .where(eq(syncCursors.orgId, orgId));
  const last = [lastLog, lastPull].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const connected = connection?.status === "connected";
  const status: SyncHealth =
    !connection || (connection.status === "disconnected" && connection.disconnectedByUser)
      ? "not_connected"
      : !connected
        ? "paused"
        : running > 0
          ? "importing"
          : !contactsImported
            ? "waiting_for_first_import"
            : n("failed") > 0
              ? "degraded"
              : "healthy";
  return {
    connected,
    token_expires_at: connection?.accessTokenExpiresAt?.toISOString() ?? null,
    last_sync: last?.toISOString() ?? null,
    sync_status: status,
    pending_syncs: n("pending") + n("in_flight"),
    failed_syncs: n("failed"),
    errors: failedRows.map((r) => ({ type: TYPE_OF[r.entityType] ?? r.entityType, message: r.xeroMessage ? `${r.xeroMessage} (${r.message})` : (r.message ?? "Failed"), timestamp: r.at.toISOString() })),
  };
}

/** Open reviews, for the Sync page's badge. */
export async function countOpenReviews(db: Db, orgId: string): Promise<number> {
  return db.$count(syncReviews, and(eq(syncReviews.orgId, orgId), eq(syncReviews.status, "open")));
}
