import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { syncItems, xeroConnections, type SyncEntity } from "@/db/schema";
import { forXeroTenant } from "@/lib/xero/tenant-fence";
import type { PushOutcome } from "./batch-outcome";
import type { SyncTrigger } from "../sync-log";

/** How long a person's request waits for its record's answer from Xero before it answers "pending". */
export const WAIT_FOR_XERO_MS = 10_000;

export type RowState = { status: "pending" | "in_flight" | "synced" | "failed" | "skipped"; message: string | null; cause: string | null } | null;

/** The newest outbox row of one record: where its sending stands. */
export async function outboxStateOf(db: Db, orgId: string, entityType: SyncEntity, entityId: string): Promise<RowState> {
  const [row] = await db
    .select({ status: syncItems.status, message: syncItems.lastErrorMessage, cause: syncItems.lastErrorCode })
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, entityType), eq(syncItems.entityId, entityId)))
    .orderBy(desc(syncItems.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Sends one kind of the organisation's outbox now, for a person waiting on the record they just
 * asked for (a payment, a quote), and waits a few seconds more if another worker holds that record
 * right now. Answers when the record's row settled, went back to the queue (Xero did not answer, or
 * asked us to wait), or the wait ran out; the row goes out once either way, by whoever holds it.
 */
export async function pushRecordNow(db: Db, orgId: string, entityType: SyncEntity, entityId: string, push: (db: Db, orgId: string, trigger: SyncTrigger) => Promise<PushOutcome>): Promise<RowState> {
  const [connection] = await db.select({ status: xeroConnections.status, xeroTenantId: xeroConnections.xeroTenantId }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  if (connection?.status !== "connected") return outboxStateOf(db, orgId, entityType, entityId);
  await forXeroTenant(connection.xeroTenantId, () => push(db, orgId, "manual"));
  for (const end = Date.now() + WAIT_FOR_XERO_MS; ; ) {
    const state = await outboxStateOf(db, orgId, entityType, entityId);
    if (state?.status !== "in_flight" || Date.now() > end) return state;
    await new Promise((r) => setTimeout(r, 250));
  }
}
