import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { syncItems, type SyncEntity } from "@/db/schema";
import { RETRY_MAX_IDS, retryFailed } from "@/lib/sync/retry-failed";
import { SYNC_TYPE_NAMES, syncTypeOf } from "@/lib/sync/sync-types";
import { parseInput } from "@/lib/validation";

export const adminRetryInput = z.object({
  sync_type: z.enum(SYNC_TYPE_NAMES, { error: `sync_type: use one of ${SYNC_TYPE_NAMES.join(", ")}.` }),
  // Any string: one that is no record id of ours (the guide's own example says "uuid-1") is simply unknown.
  record_ids: z
    .array(z.string("record_ids: each id must be a string (a record's id from the status's errors or the error log).").max(100, "record_ids: an id is at most 100 characters."), {
      error: "record_ids: a list of record ids, or leave it out to retry every failed record of that type.",
    })
    .max(RETRY_MAX_IDS, `record_ids: at most ${RETRY_MAX_IDS} at a time; leave it out to retry every failed record of that type.`)
    .optional(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AdminRetryResult {
  queued: string[];
  unknown: string[];
  not_failed: string[];
}

/**
 * The guide's Retry: every named record of that type whose last attempt failed is queued again (or
 * every failed one when none are named). A record this organisation has never queued under that type
 * (another organisation's, or no record at all) is `unknown` and never touched; one that exists but
 * is not failed is `not_failed`. The caller then asks for the push, so the records go out at once.
 */
export async function adminRetry(db: Db, orgId: string, body: unknown): Promise<AdminRetryResult> {
  const input = parseInput(adminRetryInput, body);
  const entities: SyncEntity[] = [...syncTypeOf(input.sync_type).entities];
  const named = input.record_ids ? [...new Set(input.record_ids)] : null;
  const ids = named?.filter((id) => UUID.test(id)) ?? null;
  if (!entities.length) return { queued: [], unknown: named ?? [], not_failed: [] };
  // The newest outbox row of each record decides: an older failure was superseded by a later attempt.
  const rows = await db
    .selectDistinctOn([syncItems.entityType, syncItems.entityId], { entityId: syncItems.entityId, status: syncItems.status })
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), inArray(syncItems.entityType, entities), ids ? inArray(syncItems.entityId, ids.length ? ids : ["00000000-0000-0000-0000-000000000000"]) : eq(syncItems.status, "failed")))
    .orderBy(syncItems.entityType, syncItems.entityId, desc(syncItems.createdAt));
  const failed = [...new Set(rows.filter((r) => r.status === "failed").map((r) => r.entityId))];
  // Every failed one: by type, not by a list (there may be more than a list may hold).
  if (failed.length) await retryFailed(db, orgId, named ? { entityTypes: entities, recordIds: failed } : { entityTypes: entities });
  if (!named) return { queued: failed, unknown: [], not_failed: [] };
  const known = new Set(rows.map((r) => r.entityId));
  return { queued: named.filter((id) => failed.includes(id)), unknown: named.filter((id) => !known.has(id)), not_failed: named.filter((id) => known.has(id) && !failed.includes(id)) };
}
