import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCooldowns } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * How often a person may start each manual sync action (security review M2: one script pressing
 * Sync now spent the day's Xero calls). Seconds. A full resync (isFullResync in manual-sync.ts)
 * re-reads every contact or invoice and re-sends our records, so it gets an hour; Retry only
 * re-queues rows, so it gets the least.
 */
export const COOLDOWN_SECONDS = { sync_now: 60, resync: 300, resync_all: 3600, retry: 15 } as const;
export type CooldownAction = keyof typeof COOLDOWN_SECONDS;

/**
 * What a refusal says: when the last request was made (a request, not a sync: it may still be
 * waiting, or have found nothing to do) and when to ask again. A full resync names its rule, so a
 * narrower one can go ahead now.
 */
const REFUSAL: Record<CooldownAction, (ago: string, wait: string) => string> = {
  sync_now: (ago, wait) => `Sync requested ${ago} ago; you can ask again in ${wait}.`,
  resync: (ago, wait) => `Resync requested ${ago} ago; you can ask again in ${wait}.`,
  resync_all: (ago, wait) =>
    `A full resync (contacts or invoices with no date, or a date before the first import) was requested ${ago} ago; you can ask again in ${wait}, or resync from a later date now.`,
  retry: (ago, wait) => `Retry requested ${ago} ago; you can ask again in ${wait}.`,
};

/** Cool-downs taken for one request; given back when the request turned out to ask for no work. */
export interface TakenCooldowns {
  giveBack(): Promise<void>;
}

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
 * says when the first one blocking it ended: "Sync requested 40 s ago; you can ask again in 20 s.".
 * Postgres holds the times, so every instance of the app refuses alike. Taken before the work, so
 * concurrent presses are refused; the caller gives them back if the work asked for nothing.
 */
export async function takeCooldowns(db: Db, orgId: string, actions: CooldownAction[]): Promise<TakenCooldowns> {
  const taken: { action: CooldownAction; lastAt: Date; previous: Date | null }[] = [];
  await db.transaction(async (tx) => {
    for (const action of actions) {
      const seconds = COOLDOWN_SECONDS[action];
      const mine = and(eq(syncCooldowns.orgId, orgId), eq(syncCooldowns.action, action));
      // Locked, so the time given back is the one this request replaced.
      const [before] = await tx.select({ lastAt: syncCooldowns.lastAt }).from(syncCooldowns).where(mine).for("update");
      const [took] = await tx
        .insert(syncCooldowns)
        .values({ orgId, action, lastAt: sql`now()` })
        .onConflictDoUpdate({
          target: [syncCooldowns.orgId, syncCooldowns.action],
          set: { lastAt: sql`now()` },
          setWhere: sql`${syncCooldowns.lastAt} <= now() - make_interval(secs => ${seconds})`,
        })
        .returning({ lastAt: syncCooldowns.lastAt });
      if (took) {
        taken.push({ action, lastAt: took.lastAt, previous: before?.lastAt ?? null });
        continue;
      }
      const [row] = await tx
        .select({ ago: sql<number>`extract(epoch from now() - ${syncCooldowns.lastAt})::float8` })
        .from(syncCooldowns)
        .where(mine);
      const ago = Math.max(0, Number(row?.ago ?? 0));
      throw new AppError("rate_limited", REFUSAL[action](formatWait(ago, "nearest"), formatWait(seconds - ago)));
    }
  });
  return {
    // Only while the time is still ours: a later request's cool-down is never undone.
    giveBack: async () => {
      for (const t of taken.splice(0)) {
        const ours = and(eq(syncCooldowns.orgId, orgId), eq(syncCooldowns.action, t.action), eq(syncCooldowns.lastAt, t.lastAt));
        if (t.previous) await db.update(syncCooldowns).set({ lastAt: t.previous }).where(ours);
        else await db.delete(syncCooldowns).where(ours);
      }
    },
  };
}
