import type { Db } from "@/db";
import { syncLog } from "@/db/schema";

export type SyncTrigger = "push" | "webhook" | "schedule" | "initial" | "resync" | "retry" | "manual" | "reconcile";

export interface SyncLogInput {
  orgId: string;
  recordType: string;
  recordId?: string | null;
  xeroId?: string | null;
  direction: "push" | "pull";
  operation: string;
  result: "ok" | "failed" | "skipped" | "conflict";
  message?: string | null;
  correlationId?: string | null;
  trigger: SyncTrigger;
  details?: Record<string, unknown> | null;
}

/** Appends movements to the sync log, many in one statement (a batch of 50 is one insert). */
export async function logSync(db: Db, entries: SyncLogInput[]): Promise<void> {
  if (!entries.length) return;
  for (let i = 0; i < entries.length; i += 500) await db.insert(syncLog).values(entries.slice(i, i + 500));
}
