import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncItems, type SyncEntity } from "@/db/schema";

/**
 * Queues a record for the sync in the caller's transaction (design.md: the change and its outbox
 * row commit together or not at all). A record already waiting keeps one row: the newest
 * operation wins, its revision goes up, and the row is due again now.
 */
export async function enqueueSync(
  tx: Db,
  orgId: string,
  entityType: SyncEntity,
  entityId: string,
  operation: "upsert" | "archive",
  xeroId: string | null = null,
  requestedBy: "auto" | "manual" = "auto",
): Promise<void> {
  await enqueueSyncMany(tx, orgId, entityType, [entityId], operation, xeroId, requestedBy);
}

/**
 * The same for many records of one kind in one statement (CSV imports). A failed attempt of the same
 * record is closed as superseded: the change is what the error log asked for, and the new row will
 * tell whether it worked.
 */
export async function enqueueSyncMany(
  tx: Db,
  orgId: string,
  entityType: SyncEntity,
  entityIds: string[],
  operation: "upsert" | "archive",
  xeroId: string | null = null,
  requestedBy: "auto" | "manual" = "auto",
): Promise<void> {
  // In slices: one statement's bind parameters are capped at 65,535 (an insert row here takes six).
  for (let i = 0; i < entityIds.length; i += ENQUEUE_SLICE) await enqueueSlice(tx, orgId, entityType, entityIds.slice(i, i + ENQUEUE_SLICE), operation, xeroId, requestedBy);
}

const ENQUEUE_SLICE = 1000;

async function enqueueSlice(tx: Db, orgId: string, entityType: SyncEntity, entityIds: string[], operation: "upsert" | "archive", xeroId: string | null, requestedBy: "auto" | "manual"): Promise<void> {
  await tx
    .update(syncItems)
    .set({ status: "skipped", lastErrorCode: "superseded", lastErrorMessage: "A newer change to this record was queued.", updatedAt: sql`now()` })
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, entityType), inArray(syncItems.entityId, entityIds), eq(syncItems.status, "failed")));
  await tx
    .insert(syncItems)
    .values(entityIds.map((entityId) => ({ orgId, entityType, entityId, operation, xeroId, requestedBy })))
    .onConflictDoUpdate({
      target: [syncItems.orgId, syncItems.entityType, syncItems.entityId, syncItems.direction],
      targetWhere: sql`${syncItems.status} = 'pending'`,
      set: {
        operation,
        xeroId: sql`coalesce(excluded.xero_id, ${syncItems.xeroId})`,
        // A person's request outlives a later automatic change folding into the same row.
        requestedBy: sql`case when ${syncItems.requestedBy} = 'manual' then 'manual' else excluded.requested_by end`,
        revision: sql`${syncItems.revision} + 1`,
        nextAttemptAt: sql`now()`,
        updatedAt: sql`now()`,
      },
    });
}

/**
 * A record deleted (or, for a deal, taken out of the invoicing stage) before it is known in Xero has
 * nothing to archive there: drop its waiting row. One that did reach Xero (xeroId known) is archived
 * there instead. So is one that may have: its waiting row is uncertain (a write's answer was lost)
 * or a row of it is in flight. That row is the only record that something may exist in Xero, so it
 * becomes an uncertain archive with no Xero id, and the pusher looks up what the lost write made
 * (invoices by the [lb:<deal>] marker, contacts by ContactNumber) and removes what it finds.
 */
export async function enqueueRemoval(tx: Db, orgId: string, entityType: SyncEntity, entityId: string, xeroId: string | null): Promise<void> {
  if (xeroId) return enqueueSync(tx, orgId, entityType, entityId, "archive", xeroId);
  const ofRecord = and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, entityType), eq(syncItems.entityId, entityId), eq(syncItems.direction, "push"));
  const [mayExist] = await tx
    .select({ id: syncItems.id })
    .from(syncItems)
    .where(and(ofRecord, or(and(eq(syncItems.status, "pending"), eq(syncItems.uncertain, true)), eq(syncItems.status, "in_flight"))))
    .limit(1);
  if (!mayExist) {
    await tx.delete(syncItems).where(and(ofRecord, eq(syncItems.status, "pending")));
    return;
  }
  await enqueueSync(tx, orgId, entityType, entityId, "archive");
  await tx
    .update(syncItems)
    .set({ xeroId: null, uncertain: true })
    .where(and(ofRecord, eq(syncItems.status, "pending")));
}

/** Whether the record was ever queued (whatever became of it): a record never sent still needs its first push. */
export async function hasOutboxRow(tx: Db, orgId: string, entityType: SyncEntity, entityId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: syncItems.id })
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, entityType), eq(syncItems.entityId, entityId)))
    .limit(1);
  return Boolean(row);
}
