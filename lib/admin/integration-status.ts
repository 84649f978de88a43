import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections, type Organization } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { getSyncStatus, type SyncStatus } from "@/lib/sync/status/sync-status";
import { REFRESH_TOKEN_LIFETIME_MS } from "@/lib/sync/status/sync-health";
import { callsToday } from "@/lib/xero/call-stats";
import type { HealthScope } from "@/lib/xero/xero-health";
import { missingScopes, REQUIRED_XERO_SCOPES } from "@/lib/xero/scopes";

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

/** The guide's status of one tenant, its fields first, then what an admin needs to act on it. */
/** `audience` "tenant" for what leaves the platform (the escalation bundle): an outage is named without other tenants' counts. */
export async function integrationStatus(db: Db, org: Organization, healthScope: HealthScope = {}, audience: "admin" | "tenant" = "admin"): Promise<IntegrationStatus> {
  const [status, [connection], today] = await Promise.all([getSyncStatus(db, org.id, { audience, healthScope }), db.select().from(xeroConnections).where(eq(xeroConnections.orgId, org.id)), callsToday(db, org.id)]);
  const granted = connection?.grantedScopes ?? [];
  return {
    ...status,
    organization: { id: org.id, name: org.name, slug: org.slug },
    xero_tenant_id: connection?.xeroTenantId ?? null,
    xero_tenant_name: connection?.xeroTenantName ?? null,
    connection_reason: connection && connection.status !== "connected" ? connection.statusReason : null,
    refresh_token_expires_at: connection?.refreshTokenIssuedAt ? new Date(connection.refreshTokenIssuedAt.getTime() + REFRESH_TOKEN_LIFETIME_MS).toISOString() : null,
    scopes: { granted, required: [...REQUIRED_XERO_SCOPES], missing: connection ? missingScopes(granted) : [...REQUIRED_XERO_SCOPES] },
    calls_today: { calls: today.calls, errors: today.errors, rate_limited: today.rateLimited, bytes: Number(today.bytesReceived), daily_limit: getEnv().xeroLimits.perDay },
  };
}
