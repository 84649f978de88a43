import { and, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { syncItems, type SyncEntity } from "@/db/schema";
import { enqueueSync, enqueueSyncMany } from "@/lib/crm/outbox";
import { parseInput } from "@/lib/validation";

/** A page of the error log: more ids than that would only make one huge IN (...) (security review m4). */
export const RETRY_MAX_IDS = 500;

const idList = (field: string) =>
  z.array(z.uuid(`${field}: each id must be a record id from the error log.`)).max(RETRY_MAX_IDS, `${field}: at most ${RETRY_MAX_IDS} at a time. Retry fewer, or use Retry all (optionally of one cause).`);

/** The ids a form or an API body names: one id or a list, at most a page. */
export const retryIds = z.preprocess((v) => (typeof v === "string" ? [v] : v), idList("ids"));

const retryFilter = z.object({ itemIds: idList("itemIds").optional(), recordIds: idList("recordIds").optional() });

/**
 * Retry (one, selected, or all failed records): each failed row is queued again as a person's
 * request, which closes the failed row as superseded. Returns how many records were queued.
 */
export async function retryFailed(db: Db, orgId: string, filter: { itemIds?: string[]; entityTypes?: SyncEntity[]; recordIds?: string[]; cause?: string } = {}): Promise<number> {
  // Checked here as well as in the forms: every caller gets the same limit and the same 400.
  parseInput(retryFilter, { itemIds: filter.itemIds, recordIds: filter.recordIds });
  const where: (SQL | undefined)[] = [eq(syncItems.orgId, orgId), eq(syncItems.status, "failed")];
  if (filter.itemIds) where.push(inArray(syncItems.id, filter.itemIds.length ? filter.itemIds : ["00000000-0000-0000-0000-000000000000"]));
  if (filter.entityTypes?.length === 0) return 0;
  if (filter.entityTypes) where.push(inArray(syncItems.entityType, filter.entityTypes));
  if (filter.cause) where.push(eq(syncItems.lastErrorCode, filter.cause));
  if (filter.recordIds) where.push(inArray(syncItems.entityId, filter.recordIds.length ? filter.recordIds : ["00000000-0000-0000-0000-000000000000"]));
  const failed = await db.select({ entityType: syncItems.entityType, entityId: syncItems.entityId, operation: syncItems.operation, xeroId: syncItems.xeroId }).from(syncItems).where(and(...where));
  if (!failed.length) return 0;
  await db.transaction(async (tx) => {
    // Upserts of one kind go in one statement; an archive keeps the Xero id it must archive.
    const upserts = new Map<SyncEntity, string[]>();
    for (const row of failed) {
      if (row.operation === "archive") await enqueueSync(tx, orgId, row.entityType, row.entityId, "archive", row.xeroId, "manual");
      else upserts.set(row.entityType, [...(upserts.get(row.entityType) ?? []), row.entityId]);
    }
    for (const [entityType, ids] of upserts) await enqueueSyncMany(tx, orgId, entityType, ids, "upsert", null, "manual");
  });
  return new Set(failed.map((r) => `${r.entityType}|${r.entityId}`)).size;
}
