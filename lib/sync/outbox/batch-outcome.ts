import type { Db } from "@/db";
import type { SyncItem } from "@/db/schema";
import { XeroNotConnectedError } from "@/lib/xero/get-xero-client";
import { XeroOrganisationSwitchedError } from "@/lib/xero/tenant-fence";
import { toXeroError } from "@/lib/xero/xero-error";
import { logSync, type SyncTrigger } from "../sync-log";
import { retryDelayMs, returnToQueue, settleFailed } from "./settle-items";

/** What one push step achieved, for the job to decide: go on, sleep, or stop. */
export type PushOutcome =
  | { kind: "progress"; sent: number; failed: number }
  | { kind: "idle" }
  | { kind: "wait"; seconds: number; reason: string }
  | { kind: "paused"; reason: string };

/**
 * A batch write that failed as a whole: put every claimed row where it belongs.
 * - 429 or our own limiter: back to the queue, not counted as an attempt; the job sleeps Retry-After.
 * - 5xx, timeout, dropped connection: the write may have landed, so the rows go back flagged
 *   uncertain (the next attempt looks before creating), with back-off.
 * - not connected / needs re-authorising / 403: the rows wait, uncounted; nothing is lost.
 * - the organisation switched to other books under this work: rows claimed for the new books go back
 *   uncounted (nothing was sent to them); rows that were out to the old books were closed by the
 *   switch, so the claim-guarded return leaves them be. Sending resumes after the new books' import.
 * - anything else Xero answered (a 400 for the whole batch): every row fails with Xero's message.
 * - not an answer from Xero at all (a database error, a bug): re-thrown for the job to retry.
 */
export async function settleBatchError(db: Db, token: string, items: SyncItem[], error: unknown, context: { recordType: string; trigger: SyncTrigger; wrote: boolean }): Promise<PushOutcome> {
  if (error instanceof XeroNotConnectedError) {
    for (const item of items) await returnToQueue(db, token, item, { delayMs: 0, countAttempt: false, code: "needs_reauth", message: error.message });
    return { kind: "paused", reason: error.message };
  }
  if (error instanceof XeroOrganisationSwitchedError) {
    for (const item of items) await returnToQueue(db, token, item, { delayMs: 0, countAttempt: false, code: "xero_organisation_switched", message: error.message });
    return { kind: "paused", reason: "The Xero organisation was switched: sending resumes after the first import of the new books." };
  }
  const xe = toXeroError(error);
  // Not an answer from Xero (our database failed, or a bug): let the job fail and retry. The rows stay
  // claimed until their lease lapses, then come back flagged uncertain, so nothing is sent twice.
  if (xe.code === "unknown" && xe.status === 0) throw error;
  if (xe.code === "rate_limited") {
    const seconds = Math.max(1, xe.retryAfterSeconds ?? 60);
    for (const item of items) await returnToQueue(db, token, item, { delayMs: seconds * 1000, countAttempt: false, code: "rate_limited", message: xe.message });
    return { kind: "wait", seconds, reason: xe.message };
  }
  if (xe.code === "invalid_grant" || xe.code === "unauthorized" || xe.code === "insufficient_scope" || xe.code === "forbidden") {
    for (const item of items) await returnToQueue(db, token, item, { delayMs: 0, countAttempt: false, code: "needs_reauth", message: xe.message });
    return { kind: "paused", reason: xe.message };
  }
  if (xe.retryable) {
    // The answer is unknown: a write may have reached Xero before the connection failed.
    // A 5xx Xero did answer is kept under the key and replayed to a repeat: the retry needs a new key.
    const newKey = xe.status >= 500;
    for (const item of items) await returnToQueue(db, token, item, { delayMs: retryDelayMs(item.attempts), uncertain: context.wrote, newKey, code: "xero_unavailable", message: xe.message });
    return { kind: "wait", seconds: Math.ceil(retryDelayMs(Math.min(...items.map((i) => i.attempts))) / 1000), reason: xe.message };
  }
  for (const item of items) await settleFailed(db, token, item, { code: "validation", message: `Xero refused the batch: ${xe.message}`, xeroMessage: xe.messages.join(" ") });
  await logSync(
    db,
    items.map((item) => ({ orgId: item.orgId, recordType: context.recordType, recordId: item.entityId, direction: "push" as const, operation: item.operation, result: "failed" as const, message: xe.message, trigger: context.trigger })),
  );
  return { kind: "progress", sent: 0, failed: items.length };
}
