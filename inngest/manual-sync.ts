import { and, eq, inArray, min } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCursors } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/log/logger";
import { takeCooldowns, type CooldownAction, type TakenCooldowns } from "@/lib/sync/jobs/cooldowns";
import { prepareResync, type ResyncType } from "@/lib/sync/resync";
import { retryFailed } from "@/lib/sync/retry-failed";
import type { JobEvent } from "./send-event";
import { sendSyncRequests, type SyncRequest } from "./sync-events";

/** Tests stand a failing Inngest in here; everyone else sends through the usual driver. */
export interface ManualOptions {
  send?: (events: JobEvent[]) => Promise<void>;
}

const NOT_REQUESTED = "The sync could not be requested just now, so nothing was started and you can ask again at once. Try again in a minute; if it keeps failing, the scheduled sync still runs every few minutes.";

/**
 * The Sync page's buttons, as one function each so the action and the tests run the same thing.
 * Each takes its cool-down first (a refusal says when it can run again and changes nothing), then
 * asks for the work, which joins a run already waiting to start (sync-events.ts). A request that
 * asked for no work (nothing to retry, a refused resync, a request that could not be sent) gives
 * its cool-down back: only work requested is worth waiting for.
 */
export async function syncNow(db: Db, orgId: string, options: ManualOptions = {}): Promise<string> {
  const cooldown = await takeCooldowns(db, orgId, ["sync_now"]);
  const [pulled] = await request(cooldown, options, [
    { kind: "pull", orgId, mode: "incremental", trigger: "manual" },
    { kind: "push", orgId, trigger: "manual" },
  ]);
  return pulled === "joined" ? "A sync was already about to start; yours joins it. The figures below update as it runs." : "Sync started. The figures below update as it runs.";
}

/**
 * A full resync re-reads all of a large kind of record (every contact or invoice in the books),
 * however it is ticked: contacts or invoices with no date, or with a date before the first import
 * finished (before it, every date is). Those get the hour's cool-down; the refusal says this rule.
 */
export async function isFullResync(db: Db, orgId: string, types: ResyncType[], since: string | null): Promise<boolean> {
  if (!types.includes("contacts") && !types.includes("invoices")) return false;
  if (!since) return true;
  const [{ importedAt }] = await db
    .select({ importedAt: min(syncCursors.initialDoneAt) })
    .from(syncCursors)
    .where(and(eq(syncCursors.orgId, orgId), inArray(syncCursors.resource, ["contacts", "invoices"])));
  return !importedAt || new Date(since) < importedAt;
}

export async function resync(db: Db, orgId: string, types: ResyncType[], since: string | null, options: ManualOptions = {}): Promise<{ queued: number; joined: boolean }> {
  const cooldowns: CooldownAction[] = (await isFullResync(db, orgId, types, since)) ? ["resync_all", "resync"] : ["resync"];
  const cooldown = await takeCooldowns(db, orgId, cooldowns);
  const prepared = await prepareResync(db, orgId, { sync_types: types, since }).catch(async (error: unknown) => {
    await cooldown.giveBack();
    throw error;
  });
  const [pulled] = await request(cooldown, options, [
    { kind: "pull", orgId, mode: "incremental", resources: prepared.resources, since: prepared.since, sinceByResource: prepared.walkFrom, trigger: "resync" },
    { kind: "push", orgId, trigger: "resync" },
  ]);
  return { queued: prepared.queued, joined: pulled === "joined" };
}

export async function retry(db: Db, orgId: string, filter: { itemIds: string[] } | { cause?: string }, options: ManualOptions = {}): Promise<number> {
  const cooldown = await takeCooldowns(db, orgId, ["retry"]);
  const queued = await retryFailed(db, orgId, filter).catch(async (error: unknown) => {
    await cooldown.giveBack();
    throw error;
  });
  if (!queued) {
    await cooldown.giveBack();
    return 0;
  }
  // The rows are queued again and due: the minute's due-push check sends them even if this request is lost.
  await request(cooldown, options, [{ kind: "push", orgId, trigger: "retry" }]).catch(() => undefined);
  return queued;
}

async function request(cooldown: TakenCooldowns, options: ManualOptions, requests: SyncRequest[]) {
  try {
    return await sendSyncRequests(requests, { send: options.send });
  } catch (error) {
    getLogger().warn({ err: error, orgId: requests[0]?.orgId }, "manual sync request not sent");
    await cooldown.giveBack();
    throw new AppError("internal", NOT_REQUESTED);
  }
}
