import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import type { SyncEntity } from "@/db/schema";
import { executePrepared } from "@/lib/prepared-query";
import { STALLED_WALK_MS } from "../pull/pull-resources";
import { PUSHED_ENTITIES } from "../sync-types";
import { RECENT_CALLS_MS, syncHealth, type HealthFacts, type SyncHealth } from "./sync-health";

export interface OrgHealthRow {
  orgId: string;
  name: string;
  slug: string;
  connectionStatus: "connected" | "needs_reauth" | "disconnected" | null;
  disconnectedByUser: boolean;
  connectionReason: string | null;
  xeroTenantId: string | null;
  xeroTenantName: string | null;
  accessTokenExpiresAt: Date | null;
  refreshTokenIssuedAt: Date | null;
  pending: number;
  failed: number;
  lastSync: Date | null;
  lastFailedCallAt: Date | null;
  /** When the latest run of failed calls began, and when the connection last changed (broke, for a broken one). */
  failingSince: Date | null;
  connectionChangedAt: Date | null;
  lastCallStatus: number | null;
  blockedReason: string | null;
  callsToday: number;
  bytesToday: number;
  errorsToday: number;
  rateLimitedToday: number;
  grantedScopes: string[];
  facts: HealthFacts;
  health: SyncHealth;
  /** With `detail`: one tenant's status page in the same statement (the newest failed records, the first import's progress). */
  detail?: {
    failedRecords: { entityType: SyncEntity; entityId: string; message: string | null; xeroMessage: string | null; at: Date }[];
    runningWalks: number;
    contactsImported: boolean;
  };
}

/** A call that got no useful answer: 5xx, or none at all (timeout, broken connection). */
const FAILED = sql.raw("(r.status >= 500 or r.status = 0)");
const COUNTED = sql.raw("r.status <> 429 and r.path not like '/connections%'");

/** A value the planner does not see: a scalar subquery, evaluated once per call. */
const hidden = (value: SQL) => sql`(select ${value})`;
/**
 * The pushed entities, written into the statement's text rather than sent as values: fixed in code,
 * so the generic plan sees them as a custom one would (each checked to be a bare word first).
 */
const ENTITIES = sql.raw(PUSHED_ENTITIES.map((e) => `'${z.string().regex(/^[a-z_]+$/).parse(e)}'`).join(", "));

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * The health rule's facts for many organisations in one statement (each figure an index lookup per
 * organisation), so the admin overview and one tenant's status apply the same rule to the same facts.
 * `orgIds` null reads every organisation.
 */
export async function healthFacts(db: Db, orgIds: string[] | null, now = new Date(), options: { detail?: boolean } = {}): Promise<OrgHealthRow[]> {
  const stalledSince = new Date(now.getTime() - STALLED_WALK_MS).toISOString();
  const callsSince = new Date(now.getTime() - RECENT_CALLS_MS).toISOString();
  // A named statement (executePrepared) runs on one generic plan once Postgres finds it no dearer
  // than planning each call. Values that differ between calls are therefore hidden from the planner
  // (a scalar subquery: the same estimate with or without the value). With the times visible, every
  // call was planned afresh: 1.45 ms of Postgres CPU a status call against 0.39 ms on the generic plan.
  const { rows } = await executePrepared<Record<string, unknown>>(db, sql`
    select o.id, o.name, o.slug, c.status, coalesce(c.disconnected_by_user, false) as by_user, c.status_reason, c.xero_tenant_id, c.xero_tenant_name,
      c.access_token_expires_at, c.refresh_token_issued_at, rl.blocked_until, rl.blocked_reason,
      c.updated_at as connection_changed_at,
      q.pending, q.failed, calls.n as calls, calls.failed as calls_failed, calls.last_failed_at, calls.last_status, streak.n as failed_in_a_row, streak.since as failing_since,
      greatest((select max(l.at) from sync_log l where l.org_id = o.id and l.result = 'ok'), (select max(k.last_pull_at) from sync_cursors k where k.org_id = o.id)) as last_sync,
      coalesce(st.calls, 0) as calls_today, coalesce(st.bytes_received, 0) as bytes_today, coalesce(st.errors, 0) as errors_today, coalesce(st.rate_limited, 0) as rate_limited_today,
      coalesce(c.granted_scopes, '{}') as granted_scopes
      ${options.detail ? sql`, cur.running, cur.contacts_imported, fr.records` : sql``}
    from organizations o
    left join xero_connections c on c.org_id = o.id
    left join xero_rate_limits rl on rl.xero_tenant_id = c.xero_tenant_id
    left join xero_call_stats st on st.org_id = o.id and st.day = ${hidden(sql`${now.toISOString().slice(0, 10)}::date`)}
    cross join lateral (
      select count(*) filter (where s.status in ('pending', 'in_flight'))::int as pending, count(*) filter (where s.status = 'failed')::int as failed
      from sync_items s where s.org_id = o.id and s.status in ('pending', 'in_flight', 'failed') and s.entity_type in (${ENTITIES})
    ) q
    -- The accounting API's answers only: a 429 is the rate limiter's business (neither a failure nor a success here),
    -- and /connections answering says nothing about whether the books can be read.
    cross join lateral (
      select count(*)::int as n,
        count(*) filter (where ${FAILED})::int as failed,
        max(r.created_at) filter (where ${FAILED}) as last_failed_at,
        max(r.created_at) filter (where not ${FAILED}) as last_ok_at,
        (array_agg(r.status order by r.created_at desc))[1] as last_status
      from xero_request_log r where r.org_id = o.id and r.created_at > ${hidden(sql`${callsSince}::timestamptz`)} and ${COUNTED}
    ) calls
    cross join lateral (
      select count(*)::int as n, min(r.created_at) as since
      from xero_request_log r where r.org_id = o.id and r.created_at > greatest(${hidden(sql`${callsSince}::timestamptz`)}, calls.last_ok_at) and ${COUNTED}
    ) streak
    ${
      options.detail
        ? sql`cross join lateral (
      select count(*) filter (where k.running_since > ${hidden(sql`${stalledSince}::timestamptz`)})::int as running,
        coalesce(bool_or(k.resource = 'contacts' and k.initial_done_at is not null), false) as contacts_imported
      from sync_cursors k where k.org_id = o.id
    ) cur
    cross join lateral (
      select coalesce(json_agg(json_build_object('entity_type', f.entity_type, 'entity_id', f.entity_id, 'message', f.last_error_message, 'xero_message', f.last_xero_message, 'at', f.updated_at)), '[]'::json) as records
      from (select s.entity_type, s.entity_id, s.last_error_message, s.last_xero_message, s.updated_at from sync_items s where s.org_id = o.id and s.status = 'failed' order by s.updated_at desc limit 20) f
    ) fr`
        : sql``
    }
    ${orgIds ? sql`where o.id in (${sql.join(orgIds.length ? orgIds.map((id) => sql`${id}::uuid`) : [sql`null::uuid`], sql`, `)})` : sql``}`);
  return rows.map((r) => {
    const facts: HealthFacts = {
      connection: r.status ? { status: r.status as "connected" | "needs_reauth" | "disconnected", refreshTokenIssuedAt: date(r.refresh_token_issued_at) } : null,
      recentCalls: Number(r.calls),
      recentCallsFailed: Number(r.calls_failed),
      failedInARow: Number(r.failed_in_a_row),
      callsRefusedUntil: date(r.blocked_until),
      failedRecords: Number(r.failed),
    };
    return {
      orgId: String(r.id),
      name: String(r.name),
      slug: String(r.slug),
      connectionStatus: facts.connection?.status ?? null,
      disconnectedByUser: Boolean(r.by_user),
      connectionReason: (r.status_reason as string | null) ?? null,
      xeroTenantId: (r.xero_tenant_id as string | null) ?? null,
      xeroTenantName: (r.xero_tenant_name as string | null) ?? null,
      accessTokenExpiresAt: date(r.access_token_expires_at),
      refreshTokenIssuedAt: facts.connection?.refreshTokenIssuedAt ?? null,
      pending: Number(r.pending),
      failed: Number(r.failed),
      lastSync: date(r.last_sync),
      lastFailedCallAt: date(r.last_failed_at),
      failingSince: date(r.failing_since),
      connectionChangedAt: date(r.connection_changed_at),
      lastCallStatus: r.last_status === null || r.last_status === undefined ? null : Number(r.last_status),
      blockedReason: (r.blocked_reason as string | null) ?? null,
      callsToday: Number(r.calls_today),
      bytesToday: Number(r.bytes_today),
      errorsToday: Number(r.errors_today),
      rateLimitedToday: Number(r.rate_limited_today),
      grantedScopes: (r.granted_scopes as string[] | null) ?? [],
      facts,
      health: syncHealth(facts, now),
      detail: options.detail ? detailOf(r) : undefined,
    };
  });
}

function detailOf(r: Record<string, unknown>): NonNullable<OrgHealthRow["detail"]> {
  // The JSON column arrives parsed from one driver and as text from another.
  const raw = typeof r.records === "string" ? (JSON.parse(r.records) as unknown[]) : ((r.records as unknown[] | null) ?? []);
  return {
    failedRecords: (raw as { entity_type: SyncEntity; entity_id: string; message: string | null; xero_message: string | null; at: string }[]).map((f) => ({ entityType: f.entity_type, entityId: f.entity_id, message: f.message, xeroMessage: f.xero_message, at: new Date(f.at) }))
      .sort((a, b) => b.at.getTime() - a.at.getTime()),
    runningWalks: Number(r.running),
    contactsImported: Boolean(r.contacts_imported),
  };
}
