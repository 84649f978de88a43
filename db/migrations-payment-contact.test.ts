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
 * Migration 0018 gives every mirrored payment its invoice's contact. It runs on a database of its own
 * (a scratch database on the Postgres at DATABASE_URL, else a fresh PGlite), migrated up to 0017,
 * seeded with payments, then migrated the rest of the way.
 */
const MIGRATIONS = path.join(import.meta.dirname, "migrations");
const url = getEnv().database.url;
const scratchName = `scratch_0018_${process.pid}_${Date.now()}`;
let handle: DbHandle;
let folderUpTo0017: string;

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
  folderUpTo0017 = mkdtempSync(path.join(tmpdir(), "migrations-0017-"));
  cpSync(MIGRATIONS, folderUpTo0017, { recursive: true });
  const journalFile = path.join(folderUpTo0017, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 17) }));
  if (url) {
    await admin((c) => c.query(`create database ${scratchName}`));
    const scratch = new URL(url);
    scratch.pathname = `/${scratchName}`;
    handle = openNodePostgres(scratch.toString());
  } else handle = openPglite(null);
  await handle.migrate(folderUpTo0017);
});

afterAll(async () => {
  await handle?.close();
  rmSync(folderUpTo0017, { recursive: true, force: true });
  if (url) await admin((c) => c.query(`drop database if exists ${scratchName}`));
});

const run = (text: string) => handle.db.execute(sql.raw(text));
const rows = async <T>(text: string) => ((await handle.db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;

async function org(name: string) {
  const [o] = await rows<{ id: string }>(`insert into organizations (name, slug) values ('${name}', '${name.toLowerCase()}') returning id`);
  return o.id;
}
const invoice = (orgId: string, id: string, contact: string) =>
  run(`insert into xero_invoices (org_id, xero_invoice_id, type, xero_contact_id, status, line_amount_types, currency, sub_total, total_tax, total, amount_due, amount_paid, amount_credited, date, xero_updated_at)
    values ('${orgId}', '${id}', 'ACCREC', '${contact}', 'PAID', 'Exclusive', 'USD', 10, 0, 10, 0, 10, 0, '2026-11-01', now())`);
const payment = (orgId: string, id: string, invoiceId: string | null, type = "ACCRECPAYMENT") =>
  run(`insert into xero_payments (org_id, xero_payment_id, xero_invoice_id, xero_credit_note_id, payment_type, status, date, amount, xero_updated_at)
    values ('${orgId}', '${id}', ${invoiceId ? `'${invoiceId}'` : "null"}, ${invoiceId ? "null" : "'cn-1'"}, '${type}', 'AUTHORISED', '2026-11-02', 10, now())`);

describe("migration 0018: a payment's contact", () => {
  it("fills each payment with its invoice's contact in the same organisation; a payment of an invoice not mirrored and a refund stay without", async () => {
    const a = await org("Alpha");
    const b = await org("Bravo");
    await invoice(a, "inv-1", "contact-a1");
    await invoice(a, "inv-2", "contact-a2");
    // The same Xero invoice id in another organisation's books is another invoice.
    await invoice(b, "inv-1", "contact-b1");
    await payment(a, "p-1", "inv-1");
    await payment(a, "p-2", "inv-1");
    await payment(a, "p-3", "inv-2");
    await payment(a, "p-4", "inv-missing");
    await payment(a, "p-5", null, "ARCREDITPAYMENT");
    await payment(b, "p-1", "inv-1");

    await handle.migrate(MIGRATIONS);

    const got = await rows<{ org_id: string; xero_payment_id: string; xero_contact_id: string | null }>(`select org_id, xero_payment_id, xero_contact_id from xero_payments order by org_id = '${a}' desc, xero_payment_id`);
    expect(got.map((r) => [r.org_id === a ? "a" : "b", r.xero_payment_id, r.xero_contact_id])).toEqual([
      ["a", "p-1", "contact-a1"],
      ["a", "p-2", "contact-a1"],
      ["a", "p-3", "contact-a2"],
      ["a", "p-4", null],
      ["a", "p-5", null],
      ["b", "p-1", "contact-b1"],
    ]);
  });
});
