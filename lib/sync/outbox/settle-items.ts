import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncItems, type SyncItem } from "@/db/schema";

/**
 * The end of a claimed row's attempt. Every update is conditioned on the claim token, so a worker
 * whose lease lapsed (and whose rows another worker took over) cannot overwrite the newer outcome.
 */
const claimed = (token: string, id: string) => and(eq(syncItems.id, id), eq(syncItems.claimToken, token), eq(syncItems.status, "in_flight"));

export async function settleSynced(db: Db, token: string, item: Pick<SyncItem, "id">, xeroId: string | null): Promise<void> {
  await db
    .update(syncItems)
    .set({ status: "synced", xeroId, uncertain: false, claimToken: null, claimedUntil: null, lastErrorCode: null, lastErrorMessage: null, lastXeroMessage: null, updatedAt: sql`now()` })
    .where(claimed(token, item.id));
}

export interface SyncFailure {
  /** Our cause code (lib/sync/causes.ts). */
  code: string;
  /** What to do, in our words. */
  message: string;
  /** Xero's own words, when Xero refused. */
  xeroMessage?: string | null;
}

/** A refusal that will not change by retrying: the row waits for the record to change, or a person to retry it. */
export async function settleFailed(db: Db, token: string, item: Pick<SyncItem, "id">, failure: SyncFailure): Promise<void> {
  await db
    .update(syncItems)
    .set({
      status: "failed",
      claimToken: null,
      claimedUntil: null,
      lastErrorCode: failure.code,
      lastErrorMessage: failure.message,
      lastXeroMessage: failure.xeroMessage ?? null,
      updatedAt: sql`now()`,
    })
    .where(claimed(token, item.id));
}

/** Nothing to do for this row (a newer row supersedes it, or a setting holds it back). */
export async function settleSkipped(db: Db, token: string, item: Pick<SyncItem, "id">, reason: SyncFailure): Promise<void> {
  await db
    .update(syncItems)
    .set({ status: "skipped", claimToken: null, claimedUntil: null, uncertain: false, lastErrorCode: reason.code, lastErrorMessage: reason.message, updatedAt: sql`now()` })
    .where(claimed(token, item.id));
}

/**
 * Back to the queue, due after `delayMs`: a retryable failure (429, 5xx, timeout) or a pause (the
 * connection needs re-authorising). `uncertain` records that a write may have reached Xero. If a
 * newer change queued its own row meanwhile, that row carries on instead, with the uncertainty of
 * this attempt and of the row itself (a lost answer of an earlier attempt is no less lost because
 * this one was refused before writing), so it looks before creating; this one is closed as superseded.
 */
export async function returnToQueue(
  db: Db,
  token: string,
  item: Pick<SyncItem, "id" | "orgId" | "entityType" | "entityId" | "uncertain">,
  options: { delayMs: number; uncertain?: boolean; countAttempt?: boolean; newKey?: boolean; code?: string; message?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [newer] = await tx
      .update(syncItems)
      .set({ uncertain: options.uncertain || item.uncertain ? true : sql`${syncItems.uncertain}` })
      .where(and(eq(syncItems.orgId, item.orgId), eq(syncItems.entityType, item.entityType), eq(syncItems.entityId, item.entityId), eq(syncItems.status, "pending")))
      .returning({ id: syncItems.id });
    if (newer) {
      await tx
        .update(syncItems)
        .set({ status: "skipped", claimToken: null, claimedUntil: null, lastErrorCode: "superseded", lastErrorMessage: "A newer change to this record is queued instead.", updatedAt: sql`now()` })
        .where(claimed(token, item.id));
      return;
    }
    await tx
      .update(syncItems)
      .set({
        status: "pending",
        claimToken: null,
        claimedUntil: null,
        nextAttemptAt: new Date(Date.now() + options.delayMs),
        uncertain: options.uncertain ? true : sql`${syncItems.uncertain}`,
        keyGeneration: options.newKey ? sql`${syncItems.keyGeneration} + 1` : sql`${syncItems.keyGeneration}`,
        attempts: options.countAttempt === false ? sql`greatest(${syncItems.attempts} - 1, 0)` : sql`${syncItems.attempts}`,
        lastErrorCode: options.code ?? sql`${syncItems.lastErrorCode}`,
        lastErrorMessage: options.message ?? sql`${syncItems.lastErrorMessage}`,
        updatedAt: sql`now()`,
      })
      .where(claimed(token, item.id));
  });
}

/** Back-off for retryable failures: 30 s, 1, 2, 4 ... minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
