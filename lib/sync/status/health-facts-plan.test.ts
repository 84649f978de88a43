import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import * as schema from "@/db/schema";
import { SESSION_OPTIONS } from "@/db/drivers/types";
import { getEnv } from "@/lib/env";
import { makeOrg } from "@/test/factories";
import { healthFacts } from "./health-facts";

// pg_prepared_statements is per session: on PostgreSQL the calls go through a pool of one connection.
const url = getEnv().database.url;
const pool = url ? new pg.Pool({ connectionString: url, max: 1, options: SESSION_OPTIONS }) : null;
const sessionDb = (): Db => (pool ? (drizzle({ client: pool, schema }) as unknown as Db) : getDb());
afterAll(async () => {
  await pool?.end();
});

describe("the status statement's plan", () => {
  it("is planned a few times, then every call runs on the one generic plan (its times are hidden from the planner)", async () => {
    const db = sessionDb();
    const { org } = await makeOrg(getDb());
    const start = Date.parse("2026-12-01T10:00:00Z");
    // Two days of calls, the statistics taken: a call's time window then tells the planner how few rows it reads.
    await getDb().execute(sql`
      insert into xero_request_log (org_id, method, path, status, duration_ms, bytes, created_at)
      select ${org.id}, 'GET', '/api.xro/2.0/Contacts', 200, 80, 2000, ${new Date(start).toISOString()}::timestamptz - k * interval '1 minute' from generate_series(0, 2879) k`);
    await getDb().execute(sql`analyze xero_request_log`);
    // The statement starts afresh on this session: other test files' calls on the shared PGlite would otherwise count,
    // and their costs (on other statistics) sway Postgres's choice between custom and generic plans.
    const { rows: earlier } = await db.execute<{ name: string }>(sql`select name from pg_prepared_statements where statement like '%from xero_request_log r where r.org_id = o.id%'`);
    const recorded = (db as unknown as { $client: Record<symbol, Map<string, unknown> | undefined> }).$client[Symbol.for("ledgerbridge.pgliteStatements")];
    for (const { name } of earlier) {
      await db.execute(sql.raw(`deallocate ${name}`));
      recorded?.delete(name);
    }
    for (let call = 0; call < 12; call++) await healthFacts(db, [org.id], new Date(start + call * 61_000), { detail: true });
    const { rows } = await db.execute<{ generic: number; custom: number }>(
      sql`select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where statement like '%from xero_request_log r where r.org_id = o.id%' and statement like '%fr.records%'`,
    );
    expect(rows).toHaveLength(1);
    // Postgres tries custom plans on the first five calls, then keeps the generic one when it is no dearer.
    expect(rows[0].custom).toBeLessThanOrEqual(5);
    expect(rows[0].generic).toBeGreaterThanOrEqual(7);
  });
});
