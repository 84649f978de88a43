// npm run bench:reports: seeds one large tenant (20,000 customers, 30,000 deals, 100,000 invoices,
// 150,000 payments, 200,000 invoice lines, 5,000 credit notes, beside a second tenant of the same size so every query must use its org filter)
// and prints each report's server time next to one full scan of the invoices table in the same run,
// the baseline that makes the figures comparable on this noisy machine. Prints `key: value` lines.
// The npm script runs it in test mode: in-memory PGlite, or the PostgreSQL at DATABASE_URL.
// Sizes: `npm run bench:reports -- --customers 2000 --deals 3000 --invoices 10000 --payments 15000`.
import { sql } from "drizzle-orm";
import { closeDb, ensureDatabaseReady, getDb, type Db } from "@/db";
import { listStages } from "@/lib/crm/pipeline-stages";
import { getEnv } from "@/lib/env";
import { ageingReport } from "@/lib/reports/ageing-report";
import { cashFlowReport } from "@/lib/reports/cash-flow-report";
import { foldReportTotals } from "@/lib/reports/report-totals";
import { dashboardFigures } from "@/lib/reports/dashboard-report";
import { leakageReport } from "@/lib/reports/leakage-report";
import { ltvReport } from "@/lib/reports/ltv-report";
import { reportScope } from "@/lib/reports/report-scope";
import { revenueReport } from "@/lib/reports/revenue-report";
import { revenueSplit, SPLIT_DIMENSIONS } from "@/lib/reports/revenue-split";
import { makeOrg, makeUser } from "@/test/factories";
import { benchSizes } from "./bench-args";

const SIZES = benchSizes({ customers: 20_000, deals: 30_000, invoices: 100_000, payments: 150_000, runs: 3 });
const NOW = new Date("2026-11-20T12:00:00Z");

/** One tenant's books written in bulk by the database itself (the bench measures reading them, not writing). */
async function seedTenant(db: Db) {
  const ctx = await makeOrg(db);
  const orgId = ctx.org.id;
  const stages = await listStages(db, orgId);
  const owners = [ctx.user.id, ...(await Promise.all([1, 2, 3].map((i) => makeUser(db, { name: `Owner ${i}` })))).map((u) => u.id)];
  const { customers: c, deals: d, invoices: n, payments: p } = SIZES;
  await db.execute(sql`
    insert into customers (org_id, name, lead_source, xero_contact_id)
    select ${orgId}, 'Customer ' || g, (array['Referral', 'Website', 'google ads', 'Google Ads ', 'Event', null])[1 + g % 6], 'contact-' || ${orgId} || '-' || g
    from generate_series(1, ${c}) g`);
  await db.execute(sql`
    insert into xero_contacts (org_id, xero_contact_id, customer_id, status, name, values, xero_updated_at)
    select org_id, xero_contact_id, id, 'ACTIVE', name, '{}'::jsonb, ${NOW} from customers where org_id = ${orgId}`);
  await db.execute(sql`
    insert into marketing_spend (org_id, lead_source, month, amount, currency)
    select ${orgId}, s, m::date, 1000 + extract(month from m)::int * 10, 'USD'
    from unnest(array['Referral', 'Website', 'Google Ads', 'Event']) s, generate_series('2025-01-01'::date, '2026-11-01'::date, interval '1 month') m`);
  // Deals spread over every stage and four owners (a fifth without one); amounts with cents; a few in EUR.
  await db.execute(sql`
    insert into deals (org_id, title, customer_id, owner_id, stage_id, currency, amount, won_at, expected_close_date)
    select ${orgId}, 'Deal ' || g, cu.id, (${sql`array[${sql.join(owners.map((o) => sql`${o}::uuid`), sql`, `)}]`})[1 + g % 5], st.id, case when g % 20 = 0 then 'EUR' else 'USD' end, (100 + g % 900) + (g % 100) / 100.0,
      case when st.kind = 'won' then ${NOW}::timestamptz - (g % 700) * interval '1 day' end, ('2026-11-20'::date + (g % 120))
    from generate_series(1, ${d}) g
    join (select id, row_number() over (order by id) as rn from customers where org_id = ${orgId}) cu on cu.rn = 1 + g % ${c}
    join (select id, kind, row_number() over (order by id) as rn from pipeline_stages where org_id = ${orgId}) st on st.rn = 1 + g % ${stages.length}`);
  // Invoices over two years: most paid, some open, overdue, voided or drafts, a share in EUR; every
  // third linked to a won deal so leakage has matches, mismatches and gaps to find.
  await db.execute(sql`
    insert into xero_invoices (org_id, xero_invoice_id, type, number, xero_contact_id, deal_id, status, line_amount_types, currency, currency_rate,
      sub_total, total_tax, total, amount_due, amount_paid, amount_credited, date, due_date, fully_paid_on, xero_updated_at)
    select ${orgId}, 'inv-' || g, 'ACCREC', 'INV-' || g, 'contact-' || ${orgId} || '-' || (1 + g % ${c}), won.id,
      (array['PAID', 'PAID', 'PAID', 'AUTHORISED', 'AUTHORISED', 'VOIDED', 'DRAFT', 'PAID'])[1 + g % 8], 'Exclusive',
      case when g % 10 = 0 then 'EUR' else 'USD' end, case when g % 10 = 0 then 0.9 else 1 end,
      t.total, 0, t.total, case when g % 8 in (3, 4) then t.total else 0 end, case when g % 8 in (3, 4) then 0 else t.total end, 0,
      '2024-11-20'::date + (g % 730), '2024-11-20'::date + (g % 730) + 30, case when g % 8 in (0, 1, 2, 7) then '2024-11-20'::date + (g % 730) + 25 + g % 20 end, ${NOW}
    from generate_series(1, ${n}) g
    cross join lateral (select (200 + g % 1800) + (g % 97) / 100.0 as total) t
    left join (select d.id, row_number() over (order by d.id) as rn from deals d join pipeline_stages s on s.id = d.stage_id and s.kind = 'won' where d.org_id = ${orgId}) won
      on g % 3 = 0 and won.rn = g / 3`);
  await db.execute(sql`
    insert into xero_payments (org_id, xero_payment_id, xero_invoice_id, xero_contact_id, currency, payment_type, status, date, amount, currency_rate, xero_updated_at)
    select ${orgId}, 'pay-' || g, 'inv-' || (1 + g % ${n}), 'contact-' || ${orgId} || '-' || (1 + (1 + g % ${n}) % ${c}), case when (1 + g % ${n}) % 10 = 0 then 'EUR' else 'USD' end,
      'ACCRECPAYMENT', case when g % 50 = 0 then 'DELETED' else 'AUTHORISED' end, '2024-11-25'::date + (g % 725), (50 + g % 500) + (g % 89) / 100.0,
      case when (1 + g % ${n}) % 10 = 0 then 0.88 else 1 end, ${NOW}
    from generate_series(1, ${p}) g`);
  // Products for 40 of the 60 item codes the lines carry; two lines per invoice (the second without
  // an item code every fifth invoice), adding up to its total.
  await db.execute(sql`
    insert into products (org_id, code, name, unit_price, currency, xero_item_code)
    select ${orgId}, 'P' || k, 'Product ' || k, 100, 'USD', 'ITEM-' || k from generate_series(1, 40) k`);
  await db.execute(sql`
    insert into xero_invoice_lines (org_id, xero_invoice_id, line_item_id, position, quantity, unit_amount, item_code, tax_amount, line_amount)
    select i.org_id, i.xero_invoice_id, i.xero_invoice_id || '-' || p, p, 1, a.amount, c.code, 0, a.amount
    from xero_invoices i cross join generate_series(1, 2) p
    cross join lateral (select substr(i.xero_invoice_id, 5)::int as g) n
    cross join lateral (select case when p = 1 then round(i.total * 0.6, 2) else i.total - round(i.total * 0.6, 2) end as amount) a
    cross join lateral (select case when p = 2 and n.g % 5 = 0 then null else 'ITEM-' || (1 + (n.g * p) % 60) end as code) c
    where i.org_id = ${orgId}`);
  // Credit notes on every twentieth invoice, half of them allocated to it.
  await db.execute(sql`
    insert into xero_credit_notes (org_id, xero_credit_note_id, number, xero_contact_id, status, date, currency, currency_rate, sub_total, total_tax, total, remaining_credit, xero_updated_at)
    select org_id, 'cn-' || xero_invoice_id, 'CN-' || number, xero_contact_id, case when substr(xero_invoice_id, 5)::int % 200 = 0 then 'VOIDED' else 'AUTHORISED' end,
      date + 10, currency, currency_rate, 50, 0, 50, case when substr(xero_invoice_id, 5)::int % 40 = 0 then 0 else 50 end, ${NOW}
    from xero_invoices where org_id = ${orgId} and substr(xero_invoice_id, 5)::int % 20 = 0`);
  await db.execute(sql`
    insert into xero_credit_allocations (org_id, xero_credit_note_id, allocation_key, xero_invoice_id, amount, date)
    select org_id, xero_credit_note_id, '1', substr(xero_credit_note_id, 4), 50, date from xero_credit_notes where org_id = ${orgId} and remaining_credit = 0`);
  // As the sync does after a pull: the reports' running totals folded to a row per contact and per day.
  await foldReportTotals(db, orgId);
  await db.execute(sql`analyze`);
  return ctx;
}

await ensureDatabaseReady();
const db = getDb();
const seedStart = performance.now();
const tenant = await seedTenant(db);
await seedTenant(db); // a neighbour of the same size
const seedMs = performance.now() - seedStart;
const scope = await reportScope(db, { orgId: tenant.org.id, canSeeAmounts: true }, NOW);

/** The best of a few runs: the floor of what the work costs, with the machine's noise taken out. */
async function best(work: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < SIZES.runs; i++) {
    const start = performance.now();
    await work();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

// The baseline: one full scan of the invoices table (both tenants), summing a column so nothing is skipped.
const scanMs = await best(() => db.execute(sql`select count(*), sum(total) from xero_invoices`));
const reports: [string, () => Promise<unknown>][] = [
  ["revenue", () => revenueReport(db, scope, {})],
  ["ageing", () => ageingReport(db, scope, {})],
  ["cash_flow", () => cashFlowReport(db, scope, {})],
  ["ltv_by_source", () => ltvReport(db, scope, {})],
  ["leakage", () => leakageReport(db, scope)],
  ["dashboard", () => dashboardFigures(db, scope, tenant.user.id)],
  ...SPLIT_DIMENSIONS.map((split): [string, () => Promise<unknown>] => [`revenue_split_${split === "leadSource" ? "lead_source" : split}`, () => revenueSplit(db, scope, { split })]),
];
const timings: Record<string, number> = {};
for (const [name, work] of reports) timings[name] = await best(work);

const leakage = await leakageReport(db, scope);
console.log(`database: ${getEnv().database.driver}`);
console.log(`customers: ${SIZES.customers}`);
console.log(`deals: ${SIZES.deals}`);
console.log(`invoices: ${SIZES.invoices}`);
console.log(`payments: ${SIZES.payments}`);
console.log(`tenants: 2`);
console.log(`seed_ms: ${seedMs.toFixed(0)}`);
console.log(`leakage_rows: ${leakage.rows.length}`);
console.log(`scan_ms: ${scanMs.toFixed(1)}`);
for (const [name] of reports) {
  console.log(`${name}_ms: ${timings[name].toFixed(1)}`);
  console.log(`${name}_vs_scan: ${(timings[name] / scanMs).toFixed(1)}x`);
}
const worst = Object.entries(timings).sort(([, a], [, b]) => b - a)[0];
console.log(`summary: ${SIZES.invoices} invoices, ${SIZES.payments} payments per tenant; invoice scan ${scanMs.toFixed(0)} ms; slowest report ${worst[0]} ${worst[1].toFixed(0)} ms (${(worst[1] / scanMs).toFixed(1)}x); dashboard ${(timings.dashboard / scanMs).toFixed(1)}x`);
await closeDb();
