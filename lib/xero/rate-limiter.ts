import { and, count, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroInFlight, xeroRateLimits } from "@/db/schema";
import { getEnv } from "@/lib/env";

/** A lease longer than any call: a worker that dies mid-call frees its slot after this. */
const LEASE_MS = 2 * 60_000;

export type Admission = { ok: true; leaseId: string } | { ok: false; waitMs: number; reason: "paused" | "minute" | "day" | "concurrent" | "manual" };

/**
 * Who is calling: the sync sending our changes (pushes, and the reads they need), the sync reading
 * Xero's (pulls and webhook fetches: `poll`), or a person pressing a button (Test connection).
 */
export type XeroCallPurpose = "sync" | "poll" | "manual";

export type XeroLimits = { concurrent: number; perMinute: number; perDay: number; manualPerDay?: number };

/**
 * The day's calls set aside for people: small (2% of the day, at least 10, never more than a tenth),
 * and the sync may not use them, so buttons can never starve the sync nor the sync the buttons.
 */
export function manualDailyShare(limits: XeroLimits): number {
  return limits.manualPerDay ?? Math.min(Math.floor(limits.perDay / 10), Math.max(10, Math.floor(limits.perDay / 50)));
}

/**
 * What reading may never take: a sixth of each minute and a fifth of each day stay for sending our
 * changes, so a burst of webhooks or a long pull never makes a won deal wait for its invoice.
 */
export function writeReserve(limits: XeroLimits): { minute: number; day: number } {
  return { minute: Math.max(1, Math.floor(limits.perMinute / 6)), day: Math.floor(limits.perDay / 5) };
}

const minuteOf = (ms: number) => Math.floor(ms / 60_000);
const dayOf = (ms: number) => Math.floor(ms / 86_400_000);

/**
 * Asks for a slot to call Xero for one organisation. Serialised per organisation by a row lock,
 * so it holds across every process sharing the database. Refusals say how long to wait: a job
 * sleeps its step that long instead of blocking a worker.
 */
export async function admitXeroCall(db: Db, xeroTenantId: string, now = Date.now(), limits: XeroLimits = getEnv().xeroLimits, purpose: XeroCallPurpose = "sync"): Promise<Admission> {
  return db.transaction(async (tx) => {
    await tx.insert(xeroRateLimits).values({ xeroTenantId }).onConflictDoNothing();
    const [row] = await tx.select().from(xeroRateLimits).where(eq(xeroRateLimits.xeroTenantId, xeroTenantId)).for("update");
    if (row.blockedUntil && row.blockedUntil.getTime() > now) return { ok: false, waitMs: row.blockedUntil.getTime() - now, reason: "paused" };
    const minuteCount = row.minuteWindow === minuteOf(now) ? row.minuteCount : 0;
    const dayCount = row.dayWindow === dayOf(now) ? row.dayCount : 0;
    const manualCount = row.dayWindow === dayOf(now) ? row.manualDayCount : 0;
    const share = manualDailyShare(limits);
    const untilTomorrow = (dayOf(now) + 1) * 86_400_000 - now;
    if (dayCount >= limits.perDay) return { ok: false, waitMs: untilTomorrow, reason: "day" };
    if (purpose === "manual" && manualCount >= share) return { ok: false, waitMs: untilTomorrow, reason: "manual" };
    if (purpose !== "manual" && dayCount - manualCount >= limits.perDay - share) return { ok: false, waitMs: untilTomorrow, reason: "day" };
    const reserve = writeReserve(limits);
    if (purpose === "poll" && dayCount - manualCount >= limits.perDay - share - reserve.day) return { ok: false, waitMs: untilTomorrow, reason: "day" };
    const nextMinute = (minuteOf(now) + 1) * 60_000 - now;
    if (minuteCount >= limits.perMinute) return { ok: false, waitMs: nextMinute, reason: "minute" };
    if (purpose === "poll" && minuteCount >= limits.perMinute - reserve.minute) return { ok: false, waitMs: nextMinute, reason: "minute" };
    await tx.delete(xeroInFlight).where(and(eq(xeroInFlight.xeroTenantId, xeroTenantId), lt(xeroInFlight.expiresAt, new Date(now))));
    const [{ flying }] = await tx.select({ flying: count() }).from(xeroInFlight).where(eq(xeroInFlight.xeroTenantId, xeroTenantId));
    if (flying >= limits.concurrent) return { ok: false, waitMs: 250, reason: "concurrent" };
    await tx
      .update(xeroRateLimits)
      .set({ minuteWindow: minuteOf(now), minuteCount: minuteCount + 1, dayWindow: dayOf(now), dayCount: dayCount + 1, manualDayCount: manualCount + (purpose === "manual" ? 1 : 0) })
      .where(eq(xeroRateLimits.xeroTenantId, xeroTenantId));
    const [lease] = await tx.insert(xeroInFlight).values({ xeroTenantId, expiresAt: new Date(now + LEASE_MS) }).returning({ id: xeroInFlight.id });
    return { ok: true, leaseId: lease.id };
  });
}

export async function releaseXeroCall(db: Db, leaseId: string): Promise<void> {
  await db.delete(xeroInFlight).where(eq(xeroInFlight.id, leaseId));
}

/**
 * Learns from Xero's answer: a 429's Retry-After, or a remaining count of zero, pauses every
 * caller for that organisation until the window turns (Xero's count is the truth, ours a guess).
 */
export async function noteXeroLimits(
  db: Db,
  xeroTenantId: string,
  answer: { status: number; retryAfterSeconds?: number | null; problem?: string | null; minRemaining?: number | null; dayRemaining?: number | null },
  now = Date.now(),
): Promise<void> {
  let until: number | null = null;
  let reason: string | null = null;
  if (answer.status === 429) {
    until = now + (answer.retryAfterSeconds ?? (answer.problem === "day" ? (dayOf(now) + 1) * 86_400_000 - now : 60_000) / 1000) * 1000;
    reason = `Xero answered 429 (${answer.problem ?? "limit"})`;
  } else if (answer.dayRemaining === 0) {
    until = (dayOf(now) + 1) * 86_400_000;
    reason = "Xero's daily limit is used up";
  } else if (answer.minRemaining === 0) {
    until = (minuteOf(now) + 1) * 60_000;
    reason = "Xero's minute limit is used up";
  }
  if (until === null) return;
  await db.insert(xeroRateLimits).values({ xeroTenantId, blockedUntil: new Date(until), blockedReason: reason }).onConflictDoUpdate({
    target: xeroRateLimits.xeroTenantId,
    set: { blockedUntil: new Date(until), blockedReason: reason },
  });
}
