import type { Db } from "@/db";
import { getEnv } from "@/lib/env";
import { loadSyncStatus, type SyncStatus } from "@/lib/sync/status/sync-status";
import { REFRESH_TOKEN_LIFETIME_MS } from "@/lib/sync/status/sync-health";
import { missingScopes, REQUIRED_XERO_SCOPES } from "@/lib/xero/scopes";
import type { HealthScope } from "@/lib/xero/xero-health";

export interface IntegrationStatus extends SyncStatus {
  organization: { id: string; name: string; slug: string };
  xero_tenant_id: string | null;
  xero_tenant_name: string | null;
  /** Why the connection is not connected, in Xero's or our words. */
  connection_reason: string | null;
  refresh_token_expires_at: string | null;
  scopes: { granted: string[]; required: string[]; missing: string[] };
  calls_today: { calls: number; errors: number; rate_limited: number; bytes: number; daily_limit: number };
}

/**
 * The guide's status of one tenant, its fields first, then what an admin needs to act on it; all of
 * it from the one statement the status is decided from. `audience` "tenant" for what leaves the
 * platform (the escalation bundle): an outage is named without other tenants' counts. An unknown
 * organisation is not found.
 */
export async function integrationStatus(db: Db, orgId: string, healthScope: HealthScope = {}, audience: "admin" | "tenant" = "admin"): Promise<IntegrationStatus> {
  const { status, row } = await loadSyncStatus(db, orgId, { audience, healthScope });
  const connected = row.connectionStatus !== null;
  return {
    ...status,
    organization: { id: row.orgId, name: row.name, slug: row.slug },
    xero_tenant_id: row.xeroTenantId,
    xero_tenant_name: row.xeroTenantName,
    connection_reason: connected && row.connectionStatus !== "connected" ? row.connectionReason : null,
    refresh_token_expires_at: row.refreshTokenIssuedAt ? new Date(row.refreshTokenIssuedAt.getTime() + REFRESH_TOKEN_LIFETIME_MS).toISOString() : null,
    scopes: { granted: row.grantedScopes, required: [...REQUIRED_XERO_SCOPES], missing: connected ? missingScopes(row.grantedScopes) : [...REQUIRED_XERO_SCOPES] },
    calls_today: { calls: row.callsToday, errors: row.errorsToday, rate_limited: row.rateLimitedToday, bytes: row.bytesToday, daily_limit: getEnv().xeroLimits.perDay },
  };
}
