import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCooldowns } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * How often a person may start each manual sync action (security review M2: one script pressing
 * Sync now spent the day's Xero calls). Seconds. Resync of everything resets every cursor and
 * re-sends every record, so it gets an hour; Retry only re-queues rows, so it gets the least.
 */
export const COOLDOWN_SECONDS = { sync_now: 60, resync: 300, resync_all: 3600, retry: 15 } as const;
export type CooldownAction = keyof typeof COOLDOWN_SECONDS;

/** What the answer says, in the words of the button. */
const WORDS: Record<CooldownAction, { did: string; again: string }> = {
  sync_now: { did: "Synced", again: "sync again" },
  resync: { did: "A resync started", again: "resync again" },
  resync_all: { did: "Everything was resynced", again: "resync everything again" },
  retry: { did: "Retried", again: "retry again" },
};

/** Seconds for people: a wait rounds up (never "0 s"), a time ago to the nearest. */
export function formatWait(seconds: number, round: "up" | "nearest" = "up"): string {
  const r = round === "up" ? Math.ceil : Math.round;
  const s = Math.max(1, r(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${r(s / 60)} min`;
  return `${Math.round(s / 360) / 10} h`;
}

/**
 * Takes the cool-down of each action in one transaction (all or none), or refuses with a 429 that
 * says when the first one blocking it ended: "Synced 40 s ago; you can sync again in 20 s.".
 * Postgres holds the times, so every instance of the app refuses alike.
 */
export async function takeCooldowns(db: Db, orgId: string, actions: CooldownAction[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const action of actions) {
      const seconds = COOLDOWN_SECONDS[action];
      const [taken] = await tx
        .insert(syncCooldowns)
        .values({ orgId, action, lastAt: sql`now()` })
        .onConflictDoUpdate({
          target: [syncCooldowns.orgId, syncCooldowns.action],
          set: { lastAt: sql`now()` },
          setWhere: sql`${syncCooldowns.lastAt} <= now() - make_interval(secs => ${seconds})`,
        })
        .returning({ lastAt: syncCooldowns.lastAt });
      if (taken) continue;
      const [row] = await tx
        .select({ ago: sql<number>`extract(epoch from now() - ${syncCooldowns.lastAt})::float8` })
        .from(syncCooldowns)
        .where(and(eq(syncCooldowns.orgId, orgId), eq(syncCooldowns.action, action)));
      const ago = Math.max(0, Number(row?.ago ?? 0));
      const { did, again } = WORDS[action];
      throw new AppError("rate_limited", `${did} ${formatWait(ago, "nearest")} ago; you can ${again} in ${formatWait(seconds - ago)}.`);
    }
  });
}
