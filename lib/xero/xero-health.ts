import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations, xeroRequestLog } from "@/db/schema";

export type XeroHealthStatus = "ok" | "degraded" | "outage";

export interface CallFigures {
  calls: number;
  server_errors: number;
  /** Calls Xero never answered: timed out, or the connection broke. */
  timeouts: number;
  rate_limited: number;
  /** Refused credentials (401/403): the tenant's own problem, never an outage. */
  auth_refused: number;
  p95_ms: number | null;
}

export interface XeroHealth extends CallFigures {
  status: XeroHealthStatus;
  window_minutes: number;
  tenants_affected: number;
  tenants_active: number;
  /** One line for a person: does it look like Xero, or like one tenant? */
  verdict: string;
}

export interface TenantCallFigures extends CallFigures {
  orgId: string;
  name: string;
  affected: boolean;
}

export const HEALTH_WINDOW_MINUTES = 15;

/**
 * Xero's health as every tenant's calls saw it over the last minutes. A tenant is affected when at
 * least half of its calls (429s aside) got 5xx or no answer. An outage is when most tenants that
 * called Xero are affected, at least two (one alone cannot tell Xero from itself); any affected is
 * degraded. One tenant's refused token is that tenant's problem (401/403 are not counted against Xero).
 */
/**
 * Which tenants the health judges: all of them, or these. One database holding several platforms'
 * tenants (test files running side by side on one PostgreSQL) would otherwise mix their Xeros.
 */
export interface HealthScope {
  orgIds?: string[] | null;
}

export async function xeroHealth(db: Db, options: { windowMinutes?: number; now?: Date } & HealthScope = {}): Promise<XeroHealth & { tenants: TenantCallFigures[] }> {
  const windowMinutes = options.windowMinutes ?? HEALTH_WINDOW_MINUTES;
  const since = new Date((options.now ?? new Date()).getTime() - windowMinutes * 60_000);
  const r = xeroRequestLog;
  const where = and(gt(r.createdAt, since), options.orgIds ? inArray(r.orgId, options.orgIds.length ? options.orgIds : ["00000000-0000-0000-0000-000000000000"]) : undefined);
  const figures = {
    calls: sql<number>`count(*)`.mapWith(Number),
    server_errors: sql<number>`count(*) filter (where ${r.status} >= 500)`.mapWith(Number),
    timeouts: sql<number>`count(*) filter (where ${r.status} = 0)`.mapWith(Number),
    rate_limited: sql<number>`count(*) filter (where ${r.status} = 429)`.mapWith(Number),
    auth_refused: sql<number>`count(*) filter (where ${r.status} in (401, 403))`.mapWith(Number),
    p95_ms: sql<number | null>`percentile_disc(0.95) within group (order by ${r.durationMs})`.mapWith((v) => (v === null ? null : Number(v))),
  };
  const tenants = await db
    .select({ orgId: r.orgId, name: organizations.name, ...figures })
    .from(r)
    .innerJoin(organizations, eq(organizations.id, r.orgId))
    .where(where)
    .groupBy(r.orgId, organizations.name)
    .orderBy(desc(sql`count(*) filter (where ${r.status} >= 500 or ${r.status} = 0)`), organizations.name);
  const [overall] = await db.select(figures).from(r).where(where);
  // Affected: most of its calls got 5xx or no answer. A stray 503 among a busy tenant's hundred calls is background noise, not a tenant Xero fails.
  const rows = tenants.map((t) => ({ ...t, affected: (t.server_errors + t.timeouts) * 2 >= Math.max(1, t.calls - t.rate_limited) && t.server_errors + t.timeouts > 0 }));
  const affected = rows.filter((t) => t.affected).length;
  const active = rows.length;
  const status: XeroHealthStatus = active >= 2 && affected * 2 > active ? "outage" : affected > 0 ? "degraded" : "ok";
  return { status, window_minutes: windowMinutes, ...overall, tenants_affected: affected, tenants_active: active, verdict: verdictOf(status, rows), tenants: rows };
}

function verdictOf(status: XeroHealthStatus, rows: TenantCallFigures[]): string {
  const affected = rows.filter((t) => t.affected);
  const refused = rows.filter((t) => t.auth_refused > 0 && !t.affected);
  if (status === "outage") return `Looks like Xero: ${affected.length} of ${rows.length} tenants that called Xero got 5xx or timeouts. Check Xero's status page; nothing to fix on the tenants, the syncs retry by themselves.`;
  if (status === "degraded") {
    const names = affected.map((t) => t.name).join(", ");
    return `Looks like ${affected.length === 1 ? "one tenant" : "some tenants"}, not Xero: only ${names} ${affected.length === 1 ? "gets" : "get"} 5xx or timeouts (${affected.length} of ${rows.length}).`;
  }
  if (refused.length) return `Xero answers normally. ${refused.map((t) => t.name).join(", ")}: token refused, that tenant must re-authorise (not an outage).`;
  return rows.length ? `Xero answers normally for all ${rows.length} active tenants.` : "No tenant called Xero in this window.";
}

/** How long one platform-wide reading serves every failing tenant's status (an outage lasts minutes, not seconds). */
export const OUTAGE_READING_MS = 5_000;
const readings = new Map<string, { at: number; health: Promise<XeroHealth> }>();

/**
 * The words a failing tenant's status carries while Xero is out for most tenants, or null when it
 * is not. The platform-wide reading is shared for a few seconds: every failing tenant asks it, and
 * while Xero is out that is most of them.
 */
export async function xeroOutageNotice(db: Db, options: { withCounts: boolean; now?: Date } & HealthScope): Promise<string | null> {
  const key = JSON.stringify(options.orgIds ?? null);
  const now = (options.now ?? new Date()).getTime();
  let reading = readings.get(key);
  if (!reading || now - reading.at > OUTAGE_READING_MS || now < reading.at) {
    const fresh = { at: now, health: xeroHealth(db, { orgIds: options.orgIds, now: options.now }) };
    reading = fresh;
    readings.set(key, fresh);
    // A failed reading is not served again; a newer one that replaced it meanwhile stays.
    fresh.health.catch(() => {
      if (readings.get(key) === fresh) readings.delete(key);
    });
  }
  const health = await reading.health;
  if (health.status !== "outage") return null;
  // A tenant is told there is an outage, not how many other tenants there are.
  const counts = options.withCounts ? ` (${health.tenants_affected} of ${health.tenants_active})` : "";
  return `Xero outage: most organisations calling Xero${counts} got 5xx or timeouts in the last ${health.window_minutes} minutes. Nothing to fix on this organisation; the sync retries by itself once Xero is back.`;
}
