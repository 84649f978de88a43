import type { Db } from "@/db";
import { takeCooldowns, type CooldownAction } from "@/lib/sync/jobs/cooldowns";
import { prepareResync, RESYNC_TYPES, type ResyncType } from "@/lib/sync/resync";
import { retryFailed } from "@/lib/sync/retry-failed";
import { requestPull, requestPush } from "./sync-events";

/**
 * The Sync page's buttons, as one function each so the action and the tests run the same thing.
 * Each takes its cool-down first (a refusal says when it can run again and changes nothing), then
 * asks for the work, which joins a run already waiting to start (sync-events.ts).
 */
export async function syncNow(db: Db, orgId: string): Promise<string> {
  await takeCooldowns(db, orgId, ["sync_now"]);
  const pulled = await requestPull({ orgId, mode: "incremental", trigger: "manual" });
  await requestPush(orgId, "manual");
  return pulled === "joined" ? "A sync was already about to start; yours joins it. The figures below update as it runs." : "Sync started. The figures below update as it runs.";
}

/** Everything, from the beginning: every cursor and every record again, so once an hour at most. */
export const isResyncOfEverything = (types: ResyncType[], since: string | null) => !since && RESYNC_TYPES.every((t) => types.includes(t));

export async function resync(db: Db, orgId: string, types: ResyncType[], since: string | null): Promise<{ queued: number; joined: boolean }> {
  const cooldowns: CooldownAction[] = isResyncOfEverything(types, since) ? ["resync_all", "resync"] : ["resync"];
  await takeCooldowns(db, orgId, cooldowns);
  const { resources, queued } = await prepareResync(db, orgId, { sync_types: types, since });
  const pulled = await requestPull({ orgId, mode: "incremental", resources, trigger: "resync" });
  await requestPush(orgId, "resync");
  return { queued, joined: pulled === "joined" };
}

export async function retry(db: Db, orgId: string, filter: { itemIds: string[] } | { cause?: string }): Promise<number> {
  await takeCooldowns(db, orgId, ["retry"]);
  const queued = await retryFailed(db, orgId, filter);
  await requestPush(orgId, "retry");
  return queued;
}
