import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { openNeon, routeNeonThroughLocalProxy } from "@/db/drivers/neon";
import type { DbHandle } from "@/db/drivers/types";
import { startWsTcpProxy } from "@/test/ws-tcp-proxy";
import { organizations } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { executePrepared } from "./prepared-query";

const probe = (orgId: string, since: string, label: string | null) => sql`
  select o.id, o.name, ${label}::text as label, o.created_at > ${since}::timestamptz as newer, ${since}::timestamptz as since, ${since}::date as day, 41 + 1 as n
  from ${organizations} o where o.id = ${orgId}`;

describe("executePrepared (a named statement, planned once)", () => {
  it("answers what an ordinary execute answers, call after call, with each call's own parameters", async () => {
    const db = getDb();
    const { org: a } = await makeOrg(db);
    const { org: b } = await makeOrg(db);
    for (const [org, since, label] of [[a, "2000-01-01T00:00:00Z", "first"], [a, "2999-01-01T00:00:00Z", null], [b, "2000-06-15T12:00:00Z", "it's"]] as const) {
      const plain = (await db.execute(probe(org.id, since, label))).rows;
      expect((await executePrepared(db, probe(org.id, since, label))).rows).toEqual(plain);
      expect(plain).toHaveLength(1);
    }
    expect((await executePrepared(db, probe(b.id, "2000-01-01T00:00:00Z", "x"))).rows[0]).toMatchObject({ id: b.id, name: b.name, label: "x", newer: true, n: 42 });
  });

  it("a statement another copy of this module parsed on the same session is used, not parsed again (Next bundles a copy per route)", async () => {
    const db = getDb();
    const query = sql`select ${"copy"}::text as who, ${3}::int * 2 as six`;
    expect((await executePrepared(db, query)).rows).toEqual([{ who: "copy", six: 6 }]);
    const client = (db as unknown as { $client: Record<symbol, unknown> }).$client;
    // What a second copy of the module sees: a session whose statements it has not recorded.
    delete client[Symbol.for("ledgerbridge.pgliteStatements")];
    expect((await executePrepared(db, query)).rows).toEqual([{ who: "copy", six: 6 }]);
    expect((await executePrepared(db, sql`select ${"again"}::text as who, ${3}::int * 2 as six`)).rows).toEqual([{ who: "again", six: 6 }]);
  });

  it("a failing call rejects and leaves the session usable", async () => {
    const db = getDb();
    await expect(executePrepared(db, sql`select 1 / ${0}::int as boom`)).rejects.toThrow(/division by zero/);
    expect((await executePrepared(db, sql`select ${5}::int + 1 as six`)).rows).toEqual([{ six: 6 }]);
  });

  it("does not run inside another caller's open transaction", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const count = () => executePrepared<{ n: number }>(db, sql`select count(*)::int as n from ${organizations} where name = ${`tx-${org.id}`}`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.insert(organizations).values({ name: `tx-${org.id}`, slug: `tx-${org.id}` });
      inserted();
      await held;
      tx.rollback();
    }).catch(() => undefined);
    await didInsert;
    const outside = count();
    release();
    await transaction;
    // Whether it waited for the transaction (PGlite) or ran on another connection (a pool), it never saw the uncommitted row.
    expect((await outside).rows).toEqual([{ n: 0 }]);
  });
});

// Production's driver (the Neon pool over WebSocket) takes the pool path too; it needs a PostgreSQL (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)("executePrepared on the Neon driver", () => {
  let proxy: Awaited<ReturnType<typeof startWsTcpProxy>>;
  let handle: DbHandle;
  beforeAll(async () => {
    proxy = await startWsTcpProxy();
    routeNeonThroughLocalProxy(proxy.port);
    handle = openNeon(process.env.DATABASE_URL!);
  });
  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
  });

  it("answers what an ordinary execute answers", async () => {
    const query = sql`select ${"2026-01-02T03:04:05Z"}::timestamptz as at, ${"2026-01-02"}::date as day, ${7}::int + 1 as n`;
    for (let call = 0; call < 2; call++) expect((await executePrepared(handle.db, query)).rows).toEqual((await handle.db.execute(query)).rows);
    expect((await executePrepared(handle.db, query)).rows[0]).toMatchObject({ n: 8 });
  });
});
