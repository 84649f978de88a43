import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { customers, marketingSpend } from "@/db/schema";
import { isCalendarDay } from "@/lib/calendar";
import { contactTotals } from "./contact-totals";
import { contactCustomers, divideDecimals, joinLinkedCustomer, linkedCustomerId, multiplyDecimals, sumDecimals, toScaled } from "./money-rules";
import type { ReportScope } from "./report-scope";

export interface LtvRow {
  leadSource: string;
  customers: number;
  payingCustomers: number;
  totalPaid: string;
  averageLtv: string | null;
  medianLtv: string | null;
  share: string;
  spend: string | null;
  newCustomers: number;
  cac: string | null;
  ltvToCac: string | null;
  /** CAC / the monthly payment per paying new customer (paybackMonths below); 1 dp. */
  paybackMonths: string | null;
}

export interface LtvReport {
  currency: string;
  from: string | null;
  to: string | null;
  rows: LtvRow[];
  /** Payments of Xero contacts linked to no CRM customer (and of invoices the mirror does not hold). */
  unlinkedPaid: string;
}

export const NO_SOURCE = "(none)";

/** A lead source's group: trimmed, case-insensitive; empty or null is "(none)". */
export const sourceKey = (column: typeof customers.leadSource | typeof marketingSpend.leadSource | SQL) => sql`coalesce(nullif(lower(trim(${column})), ''), ${NO_SOURCE})`;

/**
 * A source group's name: the trimmed spelling most of its customers have, ties alphabetical (`rows`
 * has one row per customer with `key` and `spelling`).
 */
export const sourceLabels = (rows: SQL) => sql`select distinct on (key) key, spelling from (select key, spelling, count(*) as n from ${rows} group by key, spelling) s order by key, n desc, spelling collate "C"`;

const day = (field: string) =>
  z
    .string({ error: `${field} must be a date like 2026-01-31.` })
    .refine(isCalendarDay, `${field} must be a real date like 2026-01-31.`)
    .refine((d) => d >= "1900-01-01" && d <= "9999-12-31", `${field} must be between 1900-01-01 and 9999-12-31.`);

export const ltvQuery = z
  .object({ from: day("from").optional(), to: day("to").optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { path: ["to"], message: "A cohort needs both from and to (or neither, for every customer)." })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["from"], message: "from must be on or before to." });

/**
 * Lifetime value by lead source: each customer's payments in the base currency (each at its own
 * rate; credits do not reduce it), grouped by the trimmed source, case-insensitively. With a range,
 * the cohort is the customers whose first live invoice is dated in it (their LTV counts every
 * payment), spend is the months the range touches, and new customers are the cohort.
 */
export async function ltvReport(db: Db, scope: ReportScope, q: z.infer<typeof ltvQuery>): Promise<LtvReport> {
  const cohort = cohortOf(q, sql`first_date`);
  const spendMonths = q.from && q.to ? sql`${marketingSpend.month} >= date_trunc('month', ${q.from}::date) and ${marketingSpend.month} <= date_trunc('month', ${q.to}::date)` : sql`true`;
  const { rows } = await db.execute<{ key: string; label: string | null; customers: number; paying: number; total_paid: string; median: string | null; spend: string | null; new_customers: number; new_paid: string; new_months: string; unlinked_paid: string }>(sql`
    with customer_stats as (
      -- Per customer (null: contacts linked to none), from the per-contact running totals: its
      -- payments (each at its own rate), its first live invoice's date, and for the unlinked contacts
      -- their payments (in the cohort: those whose own first live invoice is in the range). Joined
      -- on the tables themselves, so the planner sees each side's real size.
      select ${linkedCustomerId()} as customer_id, sum(totals.paid) as ltv, min(totals.first_date) as first_date,
        sum(totals.paid) filter (where ${linkedCustomerId()} is null and ${cohortOf(q, sql`totals.first_date`)}) as unlinked_paid
      from ${contactTotals(scope.orgId)} totals ${joinLinkedCustomer(scope.orgId, sql`totals.xero_contact_id`)}
      group by 1
    ), cust as (
      select ${customers.id} as id, ${sourceKey(customers.leadSource)} as key, nullif(trim(${customers.leadSource}), '') as spelling,
        coalesce(stats.ltv, 0) as ltv, stats.first_date
      from ${customers} left join customer_stats stats on stats.customer_id = ${customers.id}
      where ${customers.orgId} = ${scope.orgId} and (${cohort})
    ), labels as (${sourceLabels(sql`cust`)}
    ), grouped as (
      select key, count(*)::int as customers, (count(*) filter (where ltv > 0))::int as paying, sum(ltv) as total_paid,
        -- The median of the paying customers' LTV, exactly: the lower and the upper middle value (the same one when
        -- their count is odd), averaged and rounded half-up. percentile_cont would interpolate in floating point.
        round((percentile_disc(0.5) within group (order by ltv) filter (where ltv > 0)
          + percentile_disc(0.5) within group (order by ltv desc) filter (where ltv > 0)) / 2, 2) as median,
        (count(*) filter (where first_date is not null))::int as new_customers,
        -- Paying new customers' payments and their calendar months from the first live invoice's month to today's, both counted.
        sum(ltv) filter (where first_date is not null and ltv > 0) as new_paid,
        (sum(greatest(1, ${monthIndex(sql`${scope.today}::date`)} - ${monthIndex(sql`first_date`)} + 1)) filter (where first_date is not null and ltv > 0)) as new_months
      from cust group by key
    ), spend as (
      select ${sourceKey(marketingSpend.leadSource)} as key, min(trim(${marketingSpend.leadSource})) as spelling,
        case when bool_and(${marketingSpend.currency} = ${scope.currency}) then sum(${marketingSpend.amount}) end as amount
      from ${marketingSpend} where ${marketingSpend.orgId} = ${scope.orgId} and ${spendMonths}
      group by 1
    ), keys as (select key from grouped union select key from spend)
    select keys.key, coalesce(labels.spelling, spend.spelling) as label,
      coalesce(grouped.customers, 0) as customers, coalesce(grouped.paying, 0) as paying,
      coalesce(grouped.total_paid, 0)::numeric(18, 2)::text as total_paid, grouped.median::numeric(18, 2)::text as median,
      spend.amount::numeric(18, 2)::text as spend, coalesce(grouped.new_customers, 0) as new_customers,
      coalesce(grouped.new_paid, 0)::numeric(18, 2)::text as new_paid, coalesce(grouped.new_months, 0)::text as new_months,
      (select coalesce(sum(unlinked_paid), 0) from customer_stats where customer_id is null)::numeric(18, 2)::text as unlinked_paid
    from keys left join grouped using (key) left join labels using (key) left join spend using (key)`);
  const allPaid = sumDecimals(rows.map((r) => r.total_paid));
  const out: LtvRow[] = rows.map((r) => {
    const averageLtv = r.paying ? divideDecimals(r.total_paid, String(r.paying), 2) : null;
    const cac = r.spend !== null && r.new_customers ? divideDecimals(r.spend, String(r.new_customers), 2) : null;
    return {
      leadSource: r.key === NO_SOURCE ? NO_SOURCE : (r.label ?? r.key),
      customers: r.customers,
      payingCustomers: r.paying,
      totalPaid: r.total_paid,
      averageLtv,
      medianLtv: r.paying ? r.median : null,
      share: divideDecimals(r.total_paid, allPaid, 4) ?? "0.0000",
      spend: r.spend,
      newCustomers: r.new_customers,
      cac,
      // (totalPaid / paying) / (spend / newCustomers), divided once from the exact terms.
      ltvToCac: averageLtv !== null && cac !== null ? divideDecimals(multiplyDecimals(r.total_paid, String(r.new_customers), 2), multiplyDecimals(String(r.paying), r.spend!, 2), 2) : null,
      paybackMonths: paybackMonths(r.spend, r.new_customers, r.new_paid, r.new_months),
    };
  });
  out.sort((a, b) => compareDecimals(b.totalPaid, a.totalPaid) || a.leadSource.localeCompare(b.leadSource));
  return { currency: scope.currency, from: q.from ?? null, to: q.to ?? null, rows: out, unlinkedPaid: rows[0]?.unlinked_paid ?? (await unlinkedOnly(db, scope, q)) };
}

/** Whether a first live invoice's date is in the cohort's range (every date, without a range). */
const cohortOf = (q: z.infer<typeof ltvQuery>, firstDate: SQL) => (q.from && q.to ? sql`${firstDate} between ${q.from}::date and ${q.to}::date` : sql`true`);

/** A date's month as a count of months (year x 12 + month): differences are calendar months. */
const monthIndex = (day: SQL) => sql`(extract(year from ${day})::int * 12 + extract(month from ${day})::int)`;

/**
 * Payback months = CAC / the average monthly payment of the source's paying new customers, that is
 * (spend / newCustomers) / (what they paid / their customer-months), where a customer's months run
 * from its first live invoice's calendar month to the current one, both counted (at least 1).
 * Divided once from the exact terms, spend x customerMonths / (newCustomers x paid), rounded half-up
 * to 1 place; null when spend is missing, not in the base currency or zero, or no new customer paid.
 */
export function paybackMonths(spend: string | null, newCustomers: number, newPaid: string, customerMonths: string): string | null {
  if (spend === null || !newCustomers || toScaled(customerMonths, 0) <= BigInt(0) || toScaled(spend, 2) <= BigInt(0) || toScaled(newPaid, 2) <= BigInt(0)) return null;
  return divideDecimals(multiplyDecimals(spend, customerMonths, 2), multiplyDecimals(String(newCustomers), newPaid, 2), 1);
}

const compareDecimals = (a: string, b: string) => {
  const d = toScaled(a, 2) - toScaled(b, 2);
  return d > BigInt(0) ? 1 : d < BigInt(0) ? -1 : 0;
};

/**
 * Payments of Xero contacts linked to no customer (or of invoices the mirror does not hold); with a
 * range, only those of contacts whose first live invoice is in it, as the cohort is chosen.
 */
function unlinkedPaidOf(scope: ReportScope, q: z.infer<typeof ltvQuery>) {
  return sql`(select coalesce(sum(t.paid), 0)::numeric(18, 2)::text from ${contactTotals(scope.orgId)} t
    where not exists (select 1 from ${contactCustomers(scope.orgId)} l where l.xero_contact_id = t.xero_contact_id) and ${cohortOf(q, sql`t.first_date`)})`;
}

/** With no customers and no spend there are no rows to carry the unlinked sum. */
async function unlinkedOnly(db: Db, scope: ReportScope, q: z.infer<typeof ltvQuery>): Promise<string> {
  const { rows } = await db.execute<{ amount: string }>(sql`select ${unlinkedPaidOf(scope, q)} as amount`);
  return rows[0].amount;
}
