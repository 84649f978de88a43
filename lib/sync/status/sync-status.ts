import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { syncReviews } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { xeroOutageNotice, type HealthScope } from "@/lib/xero/xero-health";
import { errorTypeOf, syncTypeOfEntity } from "../sync-types";
import { healthFacts, type OrgHealthRow } from "./health-facts";
import { FAILED_IN_A_ROW, REFRESH_TOKEN_LIFETIME_MS, type HealthFacts, type SyncHealth, type SyncPhase } from "./sync-health";

export type { SyncHealth } from "./sync-health";

export interface StatusError {
  type: string;
  message: string;
  /** Since when: the failure's time, or when the connection broke. */
  timestamp: string;
  /** For a failed record: its id and sync type, as the admin API's retry takes them. */
  record_id?: string;
  sync_type?: string;
}

/** The troubleshooting guide's status (seeds/001), its fields first: the tenant and admin APIs answer this. */
export interface SyncStatus {
  connected: boolean;
  token_expires_at: string | null;
  last_sync: string | null;
  sync_status: SyncHealth;
  pending_syncs: number;
  failed_syncs: number;
  errors: StatusError[];
  /** Where the first import is: nothing is sent to Xero until Xero's contacts are all in. */
  phase: SyncPhase;
}

/** Who reads the status: an admin is told how many tenants an outage touches, a tenant only that there is one. */
export interface StatusOptions {
  audience?: "tenant" | "admin";
  now?: Date;
  /** The tenants an outage is judged over (xero-health.ts): all of them unless told. */
  healthScope?: HealthScope;
}

export async function getSyncStatus(db: Db, orgId: string, options: StatusOptions = {}): Promise<SyncStatus> {
  return (await loadSyncStatus(db, orgId, options)).status;
}

/**
 * The status and the facts it was decided from, in one statement (the admin API answers from both).
 * An unknown organisation is not found.
 */
export async function loadSyncStatus(db: Db, orgId: string, options: StatusOptions = {}): Promise<{ status: SyncStatus; row: OrgHealthRow }> {
  const now = options.now ?? new Date();
  const [row] = await healthFacts(db, [orgId], now, { detail: true });
  if (!row) throw notFound("That organisation");
  const { health, facts } = row;
  // Only a failing organisation asks whether Xero is out for everyone: a healthy status costs no platform-wide read.
  const outage = health === "failing" && facts.recentCallsFailed > 0 ? await xeroOutageNotice(db, { ...options.healthScope, withCounts: options.audience === "admin", now }) : null;
  const connectionError = connectionProblem(health, facts, { reason: row.connectionReason, byUser: row.disconnectedByUser, blockedReason: row.blockedReason, failingSince: row.failingSince, brokenAt: row.connectionChangedAt, lastStatus: row.lastCallStatus, outage }, now);
  const { failedRecords, runningWalks, contactsImported } = row.detail!;
  const recordErrors: StatusError[] = failedRecords.map((r) => ({
    type: errorTypeOf(r.entityType),
    message: r.xeroMessage ? `${r.xeroMessage} (${r.message})` : (r.message ?? "Failed"),
    timestamp: r.at.toISOString(),
    record_id: r.entityId,
    sync_type: syncTypeOfEntity(r.entityType),
  }));
  // Newest first, the connection's own line among them by the time it began.
  const errors = (connectionError ? [connectionError, ...recordErrors] : recordErrors).sort((a, b) => b.timestamp.localeCompare(a.timestamp)).slice(0, 20);
  const status: SyncStatus = {
    // A refresh token past its 60 days is no connection, whatever the row still says.
    connected: row.connectionStatus === "connected" && health !== "needs_reauth",
    token_expires_at: row.accessTokenExpiresAt?.toISOString() ?? null,
    last_sync: row.lastSync?.toISOString() ?? null,
    sync_status: health,
    pending_syncs: row.pending,
    failed_syncs: row.failed,
    errors,
    phase: health === "disconnected" || health === "needs_reauth" ? null : runningWalks > 0 ? "importing" : !contactsImported ? "waiting_for_first_import" : null,
  };
  return { status, row };
}

interface ProblemContext {
  reason: string | null;
  byUser: boolean;
  blockedReason: string | null;
  failingSince: Date | null;
  brokenAt: Date | null;
  lastStatus: number | null;
  outage: string | null;
}

/** The connection's own problem as an error of type `connection`, in words that say what to do. */
function connectionProblem(health: SyncHealth, f: HealthFacts, c: ProblemContext, now: Date): StatusError | null {
  const at = (d: Date | string | null | undefined) => (d ? new Date(d) : now).toISOString();
  if (health === "disconnected" && f.connection && !c.byUser) return { type: "connection", message: `Disconnected inside Xero: ${c.reason ?? "Xero refused the organisation"}. An owner or admin re-authorises in the Client Portal (Settings -> Integrations -> Connect Xero).`, timestamp: at(c.brokenAt) };
  if (health === "needs_reauth") {
    const expired = f.connection?.status === "connected" && f.connection.refreshTokenIssuedAt && now.getTime() - f.connection.refreshTokenIssuedAt.getTime() > REFRESH_TOKEN_LIFETIME_MS;
    const why = expired ? "the refresh token expired (unused for 60 days)" : (c.reason ?? "Xero refused the token");
    const since = expired ? new Date(f.connection!.refreshTokenIssuedAt!.getTime() + REFRESH_TOKEN_LIFETIME_MS) : c.brokenAt;
    return { type: "connection", message: `Token refused: ${why}. An owner or admin re-authorises in the Client Portal (Settings -> Integrations -> Re-authorise); nothing waiting is lost.`, timestamp: at(since) };
  }
  if (health !== "failing") return null;
  if (c.outage) return { type: "connection", message: c.outage, timestamp: at(c.failingSince) };
  if (f.failedInARow > 0 && f.failedInARow >= Math.min(f.recentCalls, FAILED_IN_A_ROW)) {
    return { type: "connection", message: `The last ${f.failedInARow} Xero calls failed (last answer ${c.lastStatus === 0 ? "none: timeout or broken connection" : c.lastStatus}). Check Xero's status page; the sync retries by itself.`, timestamp: at(c.failingSince) };
  }
  // Refused calls (the day's limit, a long Retry-After): the only failing left.
  return { type: "connection", message: `Xero calls are paused until ${f.callsRefusedUntil?.toISOString() ?? "later"} (${c.blockedReason ?? "rate limit"}). The sync resumes by itself.`, timestamp: at(null) };
}

/** Open reviews, for the Sync page's badge. */
export async function countOpenReviews(db: Db, orgId: string): Promise<number> {
  return db.$count(syncReviews, and(eq(syncReviews.orgId, orgId), eq(syncReviews.status, "open")));
}
