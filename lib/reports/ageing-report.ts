import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { xeroInvoices } from "@/db/schema";
import { addDays, isCalendarDay } from "@/lib/calendar";
import { dayTotals } from "./day-totals";
import { divideDecimals, inBase, isLiveInvoice, moneySum, multiplyDecimals } from "./money-rules";
import type { ReportScope } from "./report-scope";

export interface AgeingReport {
  currency: string;
  asOf: string;
  current: string;
  days1to30: string;
  days31to60: string;
  days61to90: string;
  over90: string;
  /** Receivables: everything open. */
  total: string;
  /** Days sales outstanding, one decimal; null when nothing was invoiced in the 90 days to asOf. */
  dso: string | null;
}

export const asOfQuery = z.object({
  asOf: z
    .string({ error: "asOf must be a date like 2026-11-30." })
    .refine(isCalendarDay, "asOf must be a real date like 2026-11-30.")
    // The forecast runs 13 weeks past asOf: it must end before year 10000.
    .refine((d) => d >= "1900-01-01" && d <= "9999-09-30", "asOf must be between 1900-01-01 and 9999-09-30.")
    .optional(),
});

/** The ageing stages past due, by whole days after the due date (the overdue alerts use the same). */
export const PAST_DUE_STAGES = [
  { key: "days1to30", label: "1-30 days", low: 1, high: 30 },
  { key: "days31to60", label: "31-60 days", low: 31, high: 60 },
  { key: "days61to90", label: "61-90 days", low: 61, high: 90 },
  { key: "over90", label: "over 90 days", low: 91, high: null },
] as const;

/** The stage of an invoice `daysLate` days past its due date; null when not past due. */
export function pastDueStage(daysLate: number): (typeof PAST_DUE_STAGES)[number] | null {
  return PAST_DUE_STAGES.find((s) => daysLate >= s.low && (s.high === null || daysLate <= s.high)) ?? null;
}

/** The days DSO looks back over, asOf included. */
export const DSO_DAYS = 90;

/**
 * Receivables by how far past due, from current balances (not a reconstruction of the past: asOf
 * only moves the day that days past due count from): open invoices' AmountDue in the base currency
 * by asOf - DueDate. Not yet due, no due date, or dated after asOf is `current`.
 */
export async function ageingReport(db: Db, scope: ReportScope, q: z.infer<typeof asOfQuery>): Promise<AgeingReport> {
  const asOf = q.asOf ?? scope.today;
  // Each invoice's amount in base is computed once and summed per due date (and whether it is dated
  // after asOf) before bucketing: a few hundred groups are bucketed, not every open invoice.
  const late = sql`(${asOf}::date - o.due_date)`;
  const currentCase = sql`o.due_date is null or o.future or ${late} <= 0`;
  const bucket = (low: number, high: number | null) => moneySum(sql`case when not (${currentCase}) and ${late} >= ${low} ${high === null ? sql`` : sql`and ${late} <= ${high}`} then o.due end`);
  const [row] = (
    await db.execute<Omit<AgeingReport, "currency" | "asOf" | "dso"> & { invoiced: string }>(sql`
      select ${moneySum(sql`case when ${currentCase} then o.due end`)} as current,
        ${sql.join(
          PAST_DUE_STAGES.map((s) => sql`${bucket(s.low, s.high)} as ${sql.identifier(s.key)}`),
          sql`, `,
        )},
        ${moneySum(sql`o.due`)} as total,
        ${invoicedForDso(scope, asOf)} as invoiced
      from (
        select ${xeroInvoices.dueDate} as due_date, ${xeroInvoices.date} > ${asOf}::date as future, sum(${inBase(xeroInvoices.amountDue, xeroInvoices.currencyRate)}) as due
        from ${xeroInvoices}
        where ${xeroInvoices.orgId} = ${scope.orgId} and ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)} and ${xeroInvoices.amountDue} > 0
        group by 1, 2
      ) o`)
  ).rows;
  const { invoiced, ...buckets } = row;
  return { currency: scope.currency, asOf, ...buckets, dso: dsoOf(buckets.total, invoiced) };
}

/**
 * What DSO divides by: the Total of live invoices dated in the 90 days ending on asOf, in base (2-dp
 * text), from the day totals (each day's live invoices, each at its own rate: the same sum, 90 rows read).
 */
export function invoicedForDso(scope: ReportScope, asOf: string): SQL {
  return sql`(select ${moneySum(sql`invoiced`)} from ${dayTotals(scope.orgId, addDays(asOf, -(DSO_DAYS - 1)), addDays(asOf, 1))} days)`;
}

/** DSO = receivables / invoiced in the last 90 days x 90, one decimal, rounded once. */
export function dsoOf(receivables: string, invoiced: string): string | null {
  if (invoiced === "0.00") return null;
  return divideDecimals(multiplyDecimals(receivables, String(DSO_DAYS), 2), invoiced, 1);
}
