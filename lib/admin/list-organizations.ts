import { z } from "zod";
import type { Db } from "@/db";
import { healthFacts, type OrgHealthRow } from "@/lib/sync/status/health-facts";
import { REFRESH_TOKEN_LIFETIME_MS, SYNC_HEALTH, type SyncHealth } from "@/lib/sync/status/sync-health";
import { parseInput } from "@/lib/validation";

/** Besides the five health values: connections whose refresh token dies within a day unless used (then they need re-authorising). */
export const ORGANIZATION_FILTERS = [...SYNC_HEALTH, "token_expiring"] as const;

/** `?status=&q=` as the spec writes it: an empty value is no filter. */
const blankIsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const organizationsQuery = z.object({
  status: z.preprocess(blankIsAbsent, z.enum(ORGANIZATION_FILTERS, { error: `status: use one of ${ORGANIZATION_FILTERS.join(", ")}.` }).optional()),
  q: z.preprocess(blankIsAbsent, z.string().trim().max(200, "q: at most 200 characters.").optional()),
});

export interface AdminOrganization {
  id: string;
  name: string;
  slug: string;
  connected: boolean;
  sync_status: SyncHealth;
  token_expires_at: string | null;
  last_sync: string | null;
  pending_syncs: number;
  failed_syncs: number;
  xero_tenant_name: string | null;
  refresh_token_expires_at: string | null;
  calls_today: number;
  bytes_today: number;
}

/** Worst first: what needs a person now, then what is slipping, then the healthy, then those never connected or disconnected on purpose. */
const RANK: Record<SyncHealth, number> = { failing: 0, needs_reauth: 1, disconnected: 2, degraded: 3, healthy: 4 };
const rank = (r: OrgHealthRow) => (r.health === "disconnected" && (!r.connectionStatus || r.disconnectedByUser) ? 5 : RANK[r.health]);

const refreshExpiry = (r: OrgHealthRow) => (r.refreshTokenIssuedAt ? new Date(r.refreshTokenIssuedAt.getTime() + REFRESH_TOKEN_LIFETIME_MS) : null);

export async function listAdminOrganizations(db: Db, query: unknown, now = new Date()): Promise<AdminOrganization[]> {
  const { status, q } = parseInput(organizationsQuery, query);
  const needle = q?.toLowerCase();
  const rows = (await healthFacts(db, null, now))
    .filter((r) => {
      if (status === "token_expiring") {
        const expiry = refreshExpiry(r);
        return r.connectionStatus === "connected" && !!expiry && expiry.getTime() - now.getTime() < 86_400_000;
      }
      return !status || r.health === status;
    })
    .filter((r) => !needle || [r.name, r.slug, r.xeroTenantName ?? "", r.xeroTenantId ?? "", r.orgId].some((v) => v.toLowerCase().includes(needle)))
    .sort((a, b) => rank(a) - rank(b) || b.failed - a.failed || a.name.localeCompare(b.name));
  return rows.map((r) => ({
    id: r.orgId,
    name: r.name,
    slug: r.slug,
    connected: r.connectionStatus === "connected",
    sync_status: r.health,
    token_expires_at: r.accessTokenExpiresAt?.toISOString() ?? null,
    last_sync: r.lastSync?.toISOString() ?? null,
    pending_syncs: r.pending,
    failed_syncs: r.failed,
    xero_tenant_name: r.xeroTenantName,
    refresh_token_expires_at: refreshExpiry(r)?.toISOString() ?? null,
    calls_today: r.callsToday,
    bytes_today: r.bytesToday,
  }));
}
