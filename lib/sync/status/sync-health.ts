/**
 * The one health rule of an organisation's integration, shared by the tenant's `/api/v1/sync/status`,
 * the Sync page and the admin API and pages. The sentences below are the OpenAPI documents' words
 * for each value; `syncHealth` is the rule they describe, first match wins.
 */
export const SYNC_HEALTH = ["disconnected", "needs_reauth", "failing", "degraded", "healthy"] as const;
export type SyncHealth = (typeof SYNC_HEALTH)[number];

export const SYNC_HEALTH_RULES: Record<SyncHealth, string> = {
  disconnected: "Never connected, or disconnected (by a person in the portal, or the app was removed inside Xero): nothing syncs.",
  needs_reauth: "Xero refused the token (revoked, or the refresh token expired: unused for 60 days): syncs are paused until an owner or admin re-authorises.",
  failing:
    "Connected, but nothing gets through: its latest calls to Xero's accounting API failed (5xx, timeout or broken connection: the last 3 in a row, or every call of the last 15 minutes; a 429 counts neither way), or its Xero calls are refused for more than a minute (daily limit reached, or a long Retry-After).",
  degraded: "Connected and calls get through, but some records failed (Xero refused them: they are in `errors` with the reason; retry after fixing the cause).",
  healthy: "Connected, calls succeed, and no record is failing.",
};

/** Extra to the status: where the first import is (nothing is sent until Xero's contacts are all in). */
export type SyncPhase = "importing" | "waiting_for_first_import" | null;

/** Refresh tokens die after 60 days unused (xero-notes): a connection past that needs re-authorising, whatever its row says. */
export const REFRESH_TOKEN_LIFETIME_MS = 60 * 86_400_000;
export const RECENT_CALLS_MS = 15 * 60_000;
export const FAILED_IN_A_ROW = 3;
export const REFUSED_PAUSE_MS = 60_000;

export interface HealthFacts {
  connection: { status: "connected" | "needs_reauth" | "disconnected"; refreshTokenIssuedAt: Date | null } | null;
  /** The organisation's accounting API calls of the last 15 minutes (429s aside), how many failed (5xx, timeout, network), and how many in a row failed since the last that did not. */
  recentCalls: number;
  recentCallsFailed: number;
  failedInARow: number;
  /** Its Xero calls are refused for now (daily limit, or a pause from Retry-After) until this instant. */
  callsRefusedUntil: Date | null;
  failedRecords: number;
}

export function syncHealth(f: HealthFacts, now = new Date()): SyncHealth {
  if (!f.connection || f.connection.status === "disconnected") return "disconnected";
  if (f.connection.status === "needs_reauth") return "needs_reauth";
  if (f.connection.refreshTokenIssuedAt && now.getTime() - f.connection.refreshTokenIssuedAt.getTime() > REFRESH_TOKEN_LIFETIME_MS) return "needs_reauth";
  // One failed call among successes is a flake; three in a row (or nothing but failures) is Xero not getting through.
  if (f.recentCalls > 0 && (f.failedInARow === f.recentCalls || f.failedInARow >= FAILED_IN_A_ROW)) return "failing";
  // A minute's limit (a pause of seconds) is routine under load; a pause past a minute (the day's limit, a long Retry-After) is not getting through.
  if (f.callsRefusedUntil && f.callsRefusedUntil.getTime() - now.getTime() > REFUSED_PAUSE_MS) return "failing";
  if (f.failedRecords > 0) return "degraded";
  return "healthy";
}
