import type { Db } from "@/db";
import type { Organization } from "@/db/schema";
import { recentXeroRequests } from "@/lib/xero/call-stats";
import { xeroHealth, type HealthScope } from "@/lib/xero/xero-health";
import { integrationStatus } from "./integration-status";

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
/**
 * Phone numbers as people write them: international (+44 20 7946 0000) or national in groups
 * (020 7946 0000, (555) 123-4567). Dates, times and ids (digits joined by dashes inside a word) are left alone.
 */
const PHONE = /\+\d[\d ()-]{6,}\d|(?<![\w-])\(?\d{2,5}\)?[ -]\d{3,4}[ -]?\d{3,4}(?![\w-])/g;

/** Emails and phone numbers out of a text: the bundle leaves the platform, and Xero support needs neither. */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PHONE, "[phone]");
}

/**
 * What Xero partner support asks for, as one JSON document per tenant: the organisation and Xero
 * tenant ids, the errors with their timestamps, the last 100 Xero requests (method, path, status,
 * duration, Xero's correlation id), scopes and token expiry. No token, secret, email or phone number:
 * record names (contact names) are the only personal data, as the guide allows.
 */
export async function escalationBundle(db: Db, org: Organization, healthScope: HealthScope = {}) {
  // The bundle leaves the platform: Xero's state and this tenant's own figures, never another tenant's name or counts.
  const [status, requests, health] = await Promise.all([integrationStatus(db, org.id, healthScope, "tenant"), recentXeroRequests(db, org.id, 100), xeroHealth(db, healthScope)]);
  const own = health.tenants.find((t) => t.orgId === org.id);
  return {
    generated_at: new Date().toISOString(),
    organization_id: org.id,
    organization_name: org.name,
    xero_tenant_id: status.xero_tenant_id,
    xero_tenant_name: status.xero_tenant_name,
    connection: {
      connected: status.connected,
      sync_status: status.sync_status,
      reason: status.connection_reason ? redactPersonalData(status.connection_reason) : null,
      token_expires_at: status.token_expires_at,
      refresh_token_expires_at: status.refresh_token_expires_at,
      scopes_granted: status.scopes.granted,
      scopes_required: status.scopes.required,
      scopes_missing: status.scopes.missing,
    },
    last_sync: status.last_sync,
    pending_syncs: status.pending_syncs,
    failed_syncs: status.failed_syncs,
    errors: status.errors.map((e) => ({ ...e, message: redactPersonalData(e.message) })),
    calls_today: status.calls_today,
    xero_health: {
      status: health.status,
      window_minutes: health.window_minutes,
      this_organization: { calls: own?.calls ?? 0, server_errors: own?.server_errors ?? 0, timeouts: own?.timeouts ?? 0, rate_limited: own?.rate_limited ?? 0, p95_ms: own?.p95_ms ?? null },
    },
    xero_requests: requests.map((r) => ({
      at: r.createdAt.toISOString(),
      method: r.method,
      path: redactPersonalData(r.path),
      status: r.status,
      duration_ms: r.durationMs,
      correlation_id: r.correlationId,
      error: r.errorCode,
    })),
  };
}
