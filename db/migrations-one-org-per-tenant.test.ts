import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { openNodePostgres } from "./drivers/node-postgres";
import { openPglite } from "./drivers/pglite";
import type { DbHandle } from "./drivers/types";

/**
 * Migration 0007 settles organisations that share one Xero organisation before its unique index
 * holds. It runs on a database of its own (a scratch database on the Postgres at DATABASE_URL, else
 * a fresh PGlite), migrated up to 0006, seeded with duplicates, then migrated the rest of the way.
 */
const MIGRATIONS = path.join(import.meta.dirname, "migrations");
const url = getEnv().database.url;
const scratchName = `scratch_0007_${process.pid}_${Date.now()}`;
let handle: DbHandle;
let folderUpTo0006: string;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  folderUpTo0006 = mkdtempSync(path.join(tmpdir(), "migrations-0006-"));
  cpSync(MIGRATIONS, folderUpTo0006, { recursive: true });
  const journalFile = path.join(folderUpTo0006, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 6) }));
  if (url) {
    await admin((c) => c.query(`create database ${scratchName}`));
    const scratch = new URL(url);
    scratch.pathname = `/${scratchName}`;
    handle = openNodePostgres(scratch.toString());
  } else handle = openPglite(null);
  await handle.migrate(folderUpTo0006);
});

afterAll(async () => {
  await handle?.close();
  rmSync(folderUpTo0006, { recursive: true, force: true });
  if (url) await admin((c) => c.query(`drop database if exists ${scratchName}`));
});

const run = (text: string) => handle.db.execute(sql.raw(text));
const rows = async <T>(text: string) => ((await handle.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;

/** An organisation with an owner and an admin, and its connection as 0006 knew it. */
async function org(name: string, tenant: string, status: string, connectedAt: string, firstSync: string | null) {
  const [o] = await rows<{ id: string }>(`insert into organizations (name, slug) values ('${name}', '${name.toLowerCase()}') returning id`);
  for (const role of ["owner", "admin"]) {
    const [u] = await rows<{ id: string }>(`insert into users (name, email, password_hash) values ('${name} ${role}', '${name}-${role}@example.test', 'x') returning id`);
    await run(`insert into memberships (org_id, user_id, role) values ('${o.id}', '${u.id}', '${role}')`);
  }
  await run(`insert into xero_connections (org_id, xero_tenant_id, xero_tenant_name, status, connected_at, access_token_cipher, refresh_token_cipher) values ('${o.id}', '${tenant}', 'Books', '${status}', '${connectedAt}', 'a', 'r')`);
  if (firstSync) {
    for (const at of [firstSync, "2026-04-01T00:00:00Z"]) await run(`insert into sync_log (org_id, at, record_type, direction, operation, result, trigger) values ('${o.id}', '${at}', 'contact', 'pull', 'import', 'ok', 'initial')`);
  }
  return o.id;
}

describe("migration 0007: which organisation keeps a shared Xero organisation", () => {
  it("keeps a connected one before one waiting for re-authorisation, then the one in use longest (not the latest re-authorise), and tells the owners of the others", async () => {
    // T1: A waits for re-authorisation though it connected first; B has synced since January but
    // re-authorised in March (connected_at rewritten); C connected in February.
    const a = await org("Alpha", "t1", "needs_reauth", "2026-01-01T00:00:00Z", null);
    const b = await org("Bravo", "t1", "connected", "2026-03-01T00:00:00Z", "2026-01-05T00:00:00Z");
    const c = await org("Charlie", "t1", "connected", "2026-02-01T00:00:00Z", "2026-02-10T00:00:00Z");
    const g = await org("Golf", "t1", "disconnected", "2025-12-01T00:00:00Z", "2025-12-02T00:00:00Z");
    // T2: D never synced; E did.
    const d = await org("Delta", "t2", "connected", "2026-01-01T00:00:00Z", null);
    const e = await org("Echo", "t2", "connected", "2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z");
    // T3: one organisation alone, waiting for re-authorisation: untouched.
    const f = await org("Foxtrot", "t3", "needs_reauth", "2026-01-01T00:00:00Z", null);

    await handle.migrate(MIGRATIONS);

    const status = Object.fromEntries((await rows<{ org_id: string; status: string; refresh_token_cipher: string | null }>(`select org_id, status, refresh_token_cipher from xero_connections`)).map((r) => [r.org_id, r]));
    expect([a, b, c, g, d, e, f].map((id) => status[id].status)).toEqual(["disconnected", "connected", "disconnected", "disconnected", "disconnected", "connected", "needs_reauth"]);
    expect([a, c, d].map((id) => status[id].refresh_token_cipher)).toEqual([null, null, null]);
    expect(status[b].refresh_token_cipher).toBe("r");

    const notes = await rows<{ org_id: string; role: string; kind: string; title: string; body: string; link: string }>(
      `select n.org_id, m.role, n.kind, n.title, n.body, n.link from notifications n join memberships m on m.user_id = n.user_id and m.org_id = n.org_id`,
    );
    expect(notes.map((n) => n.org_id).sort()).toEqual([a, c, d].sort());
    expect(notes.every((n) => n.role === "owner" && n.kind === "xero.disconnected")).toBe(true);
    expect(notes.find((n) => n.org_id === a)).toMatchObject({ title: "Xero was disconnected", link: "/o/alpha/settings/integrations", body: expect.stringMatching(/Connect a different Xero organisation/) });
  });
});
