import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { xeroCreditNotes, xeroInvoices, xeroPayments } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { contactTotals } from "./contact-totals";
import { dayTotals } from "./day-totals";
import { inBase, isCountedPayment, isLiveCreditNote, isLiveInvoice } from "./money-rules";
import { foldReportTotals } from "./report-totals";
import { ltvReport } from "./ltv-report";
import { reportScope } from "./report-scope";

type Totals = {
  contact: string;
  paid: string;
  late_days: string;
  late_invoices: string;
  first_date: string | null;
};

/** What the totals must be: the money rules applied to the documents as they are now. */
async function fromDocuments(db: Db, orgId: string): Promise<Totals[]> {
  const { rows } = await db.execute<Totals>(sql`
    select contact, sum(paid)::numeric(18, 2)::text as paid, sum(late_days)::text as late_days, sum(late_invoices)::text as late_invoices, min(first_date)::text as first_date from (
      select xero_contact_id as contact, 0 as paid,
        case when type = 'ACCREC' and status = 'PAID' and fully_paid_on is not null and due_date is not null then fully_paid_on - due_date else 0 end as late_days,
        case when type = 'ACCREC' and status = 'PAID' and fully_paid_on is not null and due_date is not null then 1 else 0 end as late_invoices,
        case when ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)} then date end as first_date
      from ${xeroInvoices} where org_id = ${orgId}
      union all
      select coalesce(xero_contact_id, '(no contact)'), case when ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)} then ${inBase(xeroPayments.amount, xeroPayments.currencyRate)} else 0 end, 0, 0, null
      from ${xeroPayments} where org_id = ${orgId}
    ) d group by 1
    having sum(paid) <> 0 or sum(late_invoices) <> 0 or min(first_date) is not null
    order by 1`);
  return rows;
}

async function fromTotals(db: Db, orgId: string): Promise<Totals[]> {
  const { rows } = await db.execute<Totals>(sql`
    select xero_contact_id as contact, paid::numeric(18, 2)::text as paid, late_days::text, late_invoices::text, first_date::text
    from ${contactTotals(orgId)} t where paid <> 0 or late_invoices <> 0 or first_date is not null order by 1`);
  return rows;
}

type Days = { day: string; invoiced: string; credited: string; collected: string };

/** What the day totals must be: the money rules applied to the documents, by their own dates. */
async function daysFromDocuments(db: Db, orgId: string): Promise<Days[]> {
  const { rows } = await db.execute<Days>(sql`
    select day::text, sum(invoiced)::numeric(18, 2)::text as invoiced, sum(credited)::numeric(18, 2)::text as credited, sum(collected)::numeric(18, 2)::text as collected from (
      select date as day, case when ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)} then ${inBase(xeroInvoices.total, xeroInvoices.currencyRate)} else 0 end as invoiced, 0 as credited, 0 as collected
      from ${xeroInvoices} where org_id = ${orgId}
      union all
      select date, 0, case when ${isLiveCreditNote(xeroCreditNotes.status)} then ${inBase(xeroCreditNotes.total, xeroCreditNotes.currencyRate)} else 0 end, 0 from ${xeroCreditNotes} where org_id = ${orgId}
      union all
      select date, 0, 0, case when ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)} then ${inBase(xeroPayments.amount, xeroPayments.currencyRate)} else 0 end from ${xeroPayments} where org_id = ${orgId}
    ) d group by 1 having sum(invoiced) <> 0 or sum(credited) <> 0 or sum(collected) <> 0 order by 1`);
  return rows;
}

async function daysFromTotals(db: Db, orgId: string): Promise<Days[]> {
  const { rows } = await db.execute<Days>(sql`
    select day::text, invoiced::numeric(18, 2)::text as invoiced, credited::numeric(18, 2)::text as credited, collected::numeric(18, 2)::text as collected
    from ${dayTotals(orgId, "1900-01-01", "9999-12-31")} t where invoiced <> 0 or credited <> 0 or collected <> 0 order by 1`);
  return rows;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

// "" is how the mirror keeps an invoice without a contact: it must not meet payments without one.
const CONTACTS = ["c-1", "c-2", "c-3", "c-4", ""];
const STATUSES = ["DRAFT", "AUTHORISED", "PAID", "VOIDED", "DELETED"];
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/** One random write of the kinds the mirrors make: upserts of new or changed documents, moves between contacts, deletes. */
async function randomWrite(db: Db, orgId: string, next: () => number, step: number) {
  const pick = <T,>(list: T[]) => list[Math.floor(next() * list.length)];
  const invoiceId = `inv-${Math.floor(next() * 12)}`;
  const paymentId = `pay-${Math.floor(next() * 12)}`;
  const kind = next();
  if (kind < 0.45) {
    const status = pick(STATUSES);
    const date = day(Math.floor(next() * 60));
    const due = next() < 0.8 ? day(Math.floor(next() * 60) + 30) : null;
    const paidOn = status === "PAID" && next() < 0.9 ? day(Math.floor(next() * 90) + 20) : null;
    await db.execute(sql`
      insert into ${xeroInvoices} (org_id, xero_invoice_id, type, xero_contact_id, status, line_amount_types, currency, currency_rate, sub_total, total_tax, total, amount_due, amount_paid, amount_credited, date, due_date, fully_paid_on, xero_updated_at)
      values (${orgId}, ${invoiceId}, ${next() < 0.9 ? "ACCREC" : "ACCPAY"}, ${pick(CONTACTS)}, ${status}, 'Exclusive', 'USD', ${pick(["1", "0.9", "1.1234567", "0"])}, 100, 0,
        ${(Math.floor(next() * 100000) / 100).toFixed(2)}, 0, 100, 0, ${date}, ${due}, ${paidOn}, now())
      on conflict (org_id, xero_invoice_id) do update set xero_contact_id = excluded.xero_contact_id, status = excluded.status, type = excluded.type,
        date = excluded.date, due_date = excluded.due_date, fully_paid_on = excluded.fully_paid_on, total = excluded.total, currency_rate = excluded.currency_rate`);
  } else if (kind < 0.55) {
    // A credit note written, edited (status, amount, date, rate) or deleted.
    const creditNoteId = `cn-${Math.floor(next() * 6)}`;
    if (next() < 0.15) {
      await db.execute(sql`delete from ${xeroCreditNotes} where org_id = ${orgId} and xero_credit_note_id = ${creditNoteId}`);
      return;
    }
    await db.execute(sql`
      insert into ${xeroCreditNotes} (org_id, xero_credit_note_id, xero_contact_id, status, date, currency, currency_rate, sub_total, total_tax, total, remaining_credit, xero_updated_at)
      values (${orgId}, ${creditNoteId}, ${pick(CONTACTS)}, ${pick(STATUSES)}, ${day(Math.floor(next() * 60))}, 'USD', ${pick(["1", "0.9", "1.1234567"])}, 0, 0, ${(Math.floor(next() * 10000) / 100).toFixed(2)}, 0, now())
      on conflict (org_id, xero_credit_note_id) do update set status = excluded.status, date = excluded.date, currency_rate = excluded.currency_rate, total = excluded.total`);
  } else if (kind < 0.8) {
    const contact = next() < 0.1 ? null : pick(CONTACTS);
    await db.execute(sql`
      insert into ${xeroPayments} (org_id, xero_payment_id, xero_invoice_id, xero_contact_id, payment_type, status, date, amount, currency_rate, xero_updated_at)
      values (${orgId}, ${paymentId}, ${invoiceId}, ${contact}, ${next() < 0.85 ? "ACCRECPAYMENT" : "ARCREDITPAYMENT"}, ${next() < 0.8 ? "AUTHORISED" : "DELETED"}, ${day(step)},
        ${(Math.floor(next() * 100000) / 100).toFixed(2)}, ${pick(["1", "0.9", "1.1234567", "0"])}, now())
      on conflict (org_id, xero_payment_id) do update set xero_contact_id = excluded.xero_contact_id, status = excluded.status, amount = excluded.amount,
        currency_rate = excluded.currency_rate, payment_type = excluded.payment_type, date = excluded.date`);
  } else if (kind < 0.88) {
    // An invoice moved to another contact (a merge in Xero), its payments with it, in one statement each.
    const to = pick(CONTACTS);
    await db.execute(sql`update ${xeroInvoices} set xero_contact_id = ${to} where org_id = ${orgId} and xero_invoice_id = ${invoiceId}`);
    await db.execute(sql`update ${xeroPayments} set xero_contact_id = ${to} where org_id = ${orgId} and xero_invoice_id = ${invoiceId}`);
  } else if (kind < 0.91) {
    await db.execute(sql`delete from ${xeroInvoices} where org_id = ${orgId} and xero_invoice_id = ${invoiceId}`);
  } else if (kind < 0.94) {
    await db.execute(sql`delete from ${xeroPayments} where org_id = ${orgId} and xero_payment_id = ${paymentId}`);
  } else {
    // Several rows at once, as a page of a pull: every live invoice of a contact changes its date.
    await db.execute(sql`update ${xeroInvoices} set date = date + ${Math.floor(next() * 11) - 5}::int where org_id = ${orgId} and xero_contact_id = ${pick(CONTACTS)}`);
  }
}

describe("report running totals per contact and per day (kept by triggers)", () => {
  it("equal the money rules applied to the documents after any sequence of inserts, updates, moves and deletes, with compactions between", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const next = random(20261207);
    for (let step = 0; step < 600; step++) {
      await randomWrite(db, org.id, next, step);
      if (step % 37 === 0) await foldReportTotals(db, org.id);
      if (step % 10 === 9) {
        expect(await fromTotals(db, org.id), `after step ${step}`).toEqual(await fromDocuments(db, org.id));
        expect(await daysFromTotals(db, org.id), `days after step ${step}`).toEqual(await daysFromDocuments(db, org.id));
      }
    }
    expect(await fromTotals(db, org.id)).toEqual(await fromDocuments(db, org.id));
    const before = await fromDocuments(db, org.id);
    const daysBefore = await daysFromDocuments(db, org.id);
    expect(daysBefore.length).toBeGreaterThan(10);
    await foldReportTotals(db, org.id);
    expect(await fromTotals(db, org.id)).toEqual(before);
    expect(await daysFromTotals(db, org.id)).toEqual(daysBefore);
    const { rows: days } = await db.execute<{ n: number; days: number }>(sql`select count(*)::int as n, count(distinct day)::int as days from report_day_totals where org_id = ${org.id}`);
    expect(days[0].n).toBe(days[0].days);
    // Folded: at most one row per contact.
    const { rows } = await db.execute<{ n: number; contacts: number }>(sql`select count(*)::int as n, count(distinct xero_contact_id)::int as contacts from report_contact_totals where org_id = ${org.id}`);
    expect(rows[0].n).toBe(rows[0].contacts);
  });

  it("a first invoice voided, moved later or to another contact moves the first date to the next live invoice, before and after compaction", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const invoice = (id: string, date: string) => sql`(${org.id}, ${id}, 'ACCREC', 'c-x', 'AUTHORISED', 'Exclusive', 'USD', 1, 10, 0, 10, 10, 0, 0, ${date}, now())`;
    await db.execute(sql`insert into ${xeroInvoices} (org_id, xero_invoice_id, type, xero_contact_id, status, line_amount_types, currency, currency_rate, sub_total, total_tax, total, amount_due, amount_paid, amount_credited, date, xero_updated_at)
      values ${invoice("a", "2026-01-05")}, ${invoice("b", "2026-02-10")}`);
    await foldReportTotals(db, org.id);
    expect((await fromTotals(db, org.id))[0].first_date).toBe("2026-01-05");
    await db.execute(sql`update ${xeroInvoices} set status = 'VOIDED' where org_id = ${org.id} and xero_invoice_id = 'a'`);
    expect((await fromTotals(db, org.id))[0].first_date).toBe("2026-02-10");
    await foldReportTotals(db, org.id);
    expect((await fromTotals(db, org.id))[0].first_date).toBe("2026-02-10");
    // Moved to a later date, then to another contact: the first date follows each time.
    await db.execute(sql`update ${xeroInvoices} set date = '2026-03-01' where org_id = ${org.id} and xero_invoice_id = 'b'`);
    expect((await fromTotals(db, org.id))[0].first_date).toBe("2026-03-01");
    await db.execute(sql`update ${xeroInvoices} set xero_contact_id = 'c-y' where org_id = ${org.id} and xero_invoice_id = 'b'`);
    expect(await fromTotals(db, org.id)).toEqual([{ contact: "c-y", paid: "0.00", late_days: "0", late_invoices: "0", first_date: "2026-03-01" }]);
    await db.execute(sql`update ${xeroInvoices} set status = 'VOIDED' where org_id = ${org.id} and xero_invoice_id = 'b'`);
    expect(await fromTotals(db, org.id)).toEqual([]);
    await foldReportTotals(db, org.id);
    const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from report_contact_totals where org_id = ${org.id}`);
    expect(rows[0].n).toBe(0);
  });

  it("writers and a fold at once lose nothing (on PostgreSQL they run concurrently; PGlite runs them in turn)", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const pay = (id: string, amount: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into ${xeroPayments} (org_id, xero_payment_id, xero_invoice_id, xero_contact_id, payment_type, status, date, amount, currency_rate, xero_updated_at)
          values (${org.id}, ${id}, 'inv', 'c-same', 'ACCRECPAYMENT', 'AUTHORISED', '2026-03-01', ${amount}, 1, now())`);
      });
    await Promise.all([pay("p1", "10.01"), foldReportTotals(db, org.id), pay("p2", "20.02"), pay("p3", "30.03"), foldReportTotals(db, org.id)]);
    await foldReportTotals(db, org.id);
    expect(await fromTotals(db, org.id)).toEqual([{ contact: "c-same", paid: "60.06", late_days: "0", late_invoices: "0", first_date: null }]);
  });

  it("a payment with no contact is not an invoice without one: an LTV cohort leaves it out (review)", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    await db.execute(sql`insert into ${xeroInvoices} (org_id, xero_invoice_id, type, xero_contact_id, status, line_amount_types, currency, currency_rate, sub_total, total_tax, total, amount_due, amount_paid, amount_credited, date, xero_updated_at)
      values (${org.id}, 'no-contact-invoice', 'ACCREC', '', 'AUTHORISED', 'Exclusive', 'USD', 1, 10, 0, 10, 10, 0, 0, '2026-02-01', now())`);
    await db.execute(sql`insert into ${xeroPayments} (org_id, xero_payment_id, xero_invoice_id, xero_contact_id, payment_type, status, date, amount, currency_rate, xero_updated_at)
      values (${org.id}, 'p-unmirrored', 'not-mirrored', null, 'ACCRECPAYMENT', 'AUTHORISED', '2026-02-10', 500, 1, now())`);
    const scope = await reportScope(db, { orgId: org.id, canSeeAmounts: true }, new Date("2026-04-01T12:00:00Z"));
    expect((await ltvReport(db, scope, {})).unlinkedPaid).toBe("500.00");
    expect((await ltvReport(db, scope, { from: "2026-01-01", to: "2026-03-31" })).unlinkedPaid).toBe("0.00");
  });

  it("a fold over statistics that predate the rows (a new tenant's first import) joins by hash, never a nested loop, which was quadratic (bench:reports hung)", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    // The statistics are taken before this organisation has a row, as they are when a tenant's first import lands.
    await db.execute(sql`analyze report_contact_totals, report_day_totals`);
    for (const batch of [1, 2])
      await db.execute(sql`insert into ${xeroPayments} (org_id, xero_payment_id, xero_invoice_id, xero_contact_id, payment_type, status, date, amount, currency_rate, xero_updated_at)
        select ${org.id}, 'p-' || ${batch} || '-' || g, 'inv', 'c-' || g, 'ACCRECPAYMENT', 'AUTHORISED', '2026-01-01'::date + g % 200, 1, 1, now() from generate_series(1, 400) g`);
    const plans: string[] = [];
    // The fold's own statements, each explained in the fold's own transaction (its settings apply) before it runs.
    const explaining = new Proxy(db, {
      get: (target, key) =>
        key === "transaction"
          ? (work: (tx: Db) => Promise<unknown>) =>
              target.transaction((tx) =>
                work(new Proxy(tx, {
                  get: (t, k) =>
                    k === "execute"
                      ? async (query: SQL) => {
                          // A set command has no plan to explain.
                          if (!/^\s*set /.test(new PgDialect().sqlToQuery(query).sql)) {
                            const { rows } = await t.execute<{ "QUERY PLAN": string }>(sql`explain ${query}`);
                            plans.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
                          }
                          return t.execute(query);
                        }
                      : Reflect.get(t, k),
                }) as Db),
              )
          : Reflect.get(target, key),
    }) as Db;
    expect(await foldReportTotals(explaining, org.id)).toEqual({ contacts: 400, days: 200 });
    const folds = plans.filter((p) => p.includes("Delete on"));
    expect(folds).toHaveLength(2);
    for (const plan of folds) expect(plan).not.toContain("Nested Loop");
    expect((await fromTotals(db, org.id))[0]).toEqual({ contact: "c-1", paid: "2.00", late_days: "0", late_invoices: "0", first_date: null });
  });

  it("an organisation deleted takes its totals with it", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    await db.execute(sql`insert into ${xeroPayments} (org_id, xero_payment_id, xero_invoice_id, xero_contact_id, payment_type, status, date, amount, currency_rate, xero_updated_at)
      values (${org.id}, 'p', 'inv', 'c', 'ACCRECPAYMENT', 'AUTHORISED', '2026-03-01', 5, 1, now())`);
    await db.execute(sql`delete from organizations where id = ${org.id}`);
    const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from report_contact_totals where org_id = ${org.id}`);
    expect(rows[0].n).toBe(0);
  });
});
