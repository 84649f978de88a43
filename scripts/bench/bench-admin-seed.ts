// The books bench:admin reads: connected tenants, failed records spread unevenly over two thirds of
// them, a few pending, the Xero request log (a few tenants whose last calls failed, so the status's
// failing branch and its outage check run too), call counts, the sync log and the cursors.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { createAdminToken } from "@/lib/admin/admin-tokens";
import { PUSHED_ENTITIES } from "@/lib/sync/sync-types";
import { REQUIRED_XERO_SCOPES } from "@/lib/xero/scopes";
import { createOrganization } from "@/lib/tenancy/create-organization";
import { makeUser, uniq } from "@/test/factories";

export interface AdminBenchBooks {
  orgIds: string[];
  tokens: string[];
}

const list = (values: readonly string[], type: string): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::${sql.raw(type)}[]`;

export async function seedAdminBench(db: Db, sizes: { tenants: number; failed: number; tokens: number }): Promise<AdminBenchBooks> {
  const owner = await makeUser(db, { name: "Bench owner" });
  const run = uniq("bench");
  const orgIds: string[] = [];
  for (let i = 1; i <= sizes.tenants; i++) orgIds.push((await createOrganization(db, { name: `Bench tenant ${i} ${run}`, ownerId: owner.id })).id);

  // Each statement reads the tenants as (id, n): n numbers them 1.. in creation order.
  const orgs = sql`(select id, n::int from unnest(${list(orgIds, "uuid")}) with ordinality as t(id, n))`;
  // Every 20th tenant's last calls failed: "failing". Two of three have failed records: "degraded".
  await db.execute(sql`
    insert into xero_connections (org_id, xero_tenant_id, xero_tenant_name, xero_connection_id, status, access_token_expires_at, refresh_token_issued_at, granted_scopes, connected_at, last_sync_at)
    select id, 'bench-' || id, 'Books ' || n, 'conn-' || id, 'connected', now() + interval '25 minutes', now() - interval '2 hours', ${list(REQUIRED_XERO_SCOPES, "text")}, now() - interval '30 days', now() - interval '5 minutes'
    from ${orgs} o`);
  // The failed records, more on the first tenants than the last (n^2 spread), most recent first.
  const entities = PUSHED_ENTITIES.filter((e) => e !== "invoice_email");
  await db.execute(sql`
    with failing as (select id, row_number() over (order by n)::int as m from ${orgs} o where n % 3 <> 0)
    insert into sync_items (org_id, entity_type, entity_id, direction, operation, status, attempts, next_attempt_at, last_error_code, last_error_message, last_xero_message, created_at, updated_at)
    select f.id, (${list(entities, "sync_entity")})[1 + g % ${entities.length}], gen_random_uuid(), 'push', 'upsert', 'failed', 5, now() + interval '1 day',
      'validation', 'Xero refused the record: check its fields', case when g % 2 = 0 then 'A validation exception occurred' end, now() - g * interval '3 minutes', now() - g * interval '1 minute'
    from generate_series(1, ${sizes.failed}) g
    join failing f on f.m = 1 + floor((select count(*) from failing) * power((g % 997) / 997.0, 2))::int`);
  // Pending work not yet due (the local scheduler leaves it alone), and settled history.
  await db.execute(sql`
    insert into sync_items (org_id, entity_type, entity_id, direction, operation, status, attempts, next_attempt_at, xero_id, created_at, updated_at)
    select o.id, 'customer', gen_random_uuid(), 'push', 'upsert', case when k <= 2 and n % 4 = 0 then 'pending' else 'synced' end::sync_item_status, 1, now() + interval '1 day',
      'xero-' || k, now() - k * interval '1 hour', now() - k * interval '1 hour'
    from ${orgs} o cross join generate_series(1, 20) k`);
  // Xero calls: one every 4 minutes over 2 days; every 13th a 429; every 20th tenant's last 3 a 503.
  await db.execute(sql`
    insert into xero_request_log (org_id, method, path, status, duration_ms, bytes, error_code, created_at)
    select o.id, 'GET', '/api.xro/2.0/Contacts', s.status, 80 + (k * 7) % 400, 2000 + k % 5000, case when s.status <> 200 then 'server_error' end, now() - k * interval '4 minutes' - n * interval '1 second'
    from ${orgs} o cross join generate_series(0, 719) k
    cross join lateral (select case when n % 20 = 0 and k < 3 then 503 when k % 13 = 5 then 429 else 200 end as status) s`);
  await db.execute(sql`
    insert into xero_call_stats (org_id, day, calls, errors, rate_limited, bytes_received)
    select id, (now() at time zone 'utc')::date, 200 + n, n % 5, n % 3, 400000 + n * 1000 from ${orgs} o`);
  // The sync log: a push every 3 minutes over a day, some failed (tenants with failed records).
  await db.execute(sql`
    insert into sync_log (org_id, at, record_type, record_id, direction, operation, result, message, trigger)
    select o.id, now() - k * interval '3 minutes', 'customer', gen_random_uuid(), case when k % 4 = 0 then 'pull' else 'push' end::sync_direction, 'update',
      case when n % 3 <> 0 and k % 9 = 4 then 'failed' else 'ok' end::sync_log_result, null, 'push'
    from ${orgs} o cross join generate_series(1, 480) k`);
  await db.execute(sql`
    insert into sync_cursors (org_id, resource, last_updated_at, last_pull_at, last_full_pull_at, initial_done_at)
    select o.id, r, now() - interval '20 minutes', now() - interval '10 minutes', now() - interval '1 day', now() - interval '30 days'
    from ${orgs} o cross join unnest(array['contacts', 'invoices', 'payments', 'items']) r`);
  await db.execute(sql`analyze`);

  // One token per client: the per-token limit (600 a minute) must not turn the bench into a 429 test.
  const admin = await makeUser(db, { name: "Bench admin", isPlatformAdmin: true });
  const tokens: string[] = [];
  for (let i = 0; i < sizes.tokens; i++) tokens.push((await createAdminToken(db, admin.id, { name: `bench client ${i + 1}` })).token);
  return { orgIds, tokens };
}
