import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { xeroCreditNotes, xeroInvoices, xeroPayments } from "@/db/schema";
import { addMonths, isMonth, monthsBetween } from "@/lib/calendar";
import { divideDecimals, inBase, isCountedPayment, isLiveCreditNote, isLiveInvoice, moneySum, multiplyDecimals } from "./money-rules";
import { dayTotals } from "./day-totals";
import type { ReportScope } from "./report-scope";

export interface RevenueMonth {
  month: string;
  invoiced: string;
  credited: string;
  collected: string;
}

export interface RevenueReport {
  currency: string;
  goal: string | null;
  from: string;
  to: string;
  months: RevenueMonth[];
}

/** Ten years: a range any chart can draw and any query answers quickly. */
export const MAX_REVENUE_MONTHS = 120;
const month = (field: string) =>
  z
    .string({ error: `${field} must be a month like 2026-11.` })
    .refine(isMonth, `${field} must be a month like 2026-11.`)
    .refine((m) => m >= "1900-01" && m <= "9999-12", `${field} must be between 1900-01 and 9999-12.`);

export const revenueQuery = z
  .object({ from: month("from").optional(), to: month("to").optional() })
  // One end given, the range runs 24 months from or to it: it must stay within 1900..9999 too.
  .refine((q) => q.from !== undefined || q.to === undefined || q.to >= "1901-12", { path: ["to"], message: "to must be 1901-12 or later when from is not given (the range is the 24 months up to it)." })
  .refine((q) => q.to !== undefined || q.from === undefined || q.from <= "9998-01", { path: ["from"], message: "from must be 9998-01 or earlier when to is not given (the range is the 24 months from it)." })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["from"], message: "from must be the same month as to or earlier." })
  .refine((q) => !q.from || !q.to || monthsBetween(q.from, q.to) < MAX_REVENUE_MONTHS, { path: ["to"], message: `A range covers at most ${MAX_REVENUE_MONTHS} months: move from or to closer.` });

/** The months asked for: by default the 24 ending with the current one; one end given, 24 from or to it. */
export function revenueRange(scope: Pick<ReportScope, "today">, q: z.infer<typeof revenueQuery>): { from: string; to: string } {
  const current = scope.today.slice(0, 7);
  const to = q.to ?? (q.from ? addMonths(q.from, 23) : current);
  const from = q.from ?? addMonths(to, -23);
  return { from, to };
}

/** The first day of `from` and the first day after `to`: the half-open range of document dates. */
export const revenueWindow = (from: string, to: string) => ({ start: `${from}-01`, end: `${addMonths(to, 1)}-01` });

/**
 * The documents revenue counts, dated in [start, end), each with its amount in the base currency
 * (`base`: its own rate, rounded per document): live invoices' Total, live credit notes' Total,
 * counted payments' Amount. The split reads these; the monthly report reads the same rules' day
 * totals (day-totals.ts), and revenue-split.test.ts proves the two add up to the same figures.
 */
export function revenueDocuments(orgId: string, start: string, end: string) {
  return {
    invoices: sql`select ${xeroInvoices.xeroInvoiceId} as xero_invoice_id, ${xeroInvoices.xeroContactId} as xero_contact_id, ${xeroInvoices.dealId} as deal_id,
        ${xeroInvoices.lineAmountTypes} as line_amount_types, ${xeroInvoices.date} as date, ${xeroInvoices.currencyRate} as currency_rate, ${inBase(xeroInvoices.total, xeroInvoices.currencyRate)} as base
      from ${xeroInvoices}
      where ${xeroInvoices.orgId} = ${orgId} and ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)} and ${xeroInvoices.date} >= ${start} and ${xeroInvoices.date} < ${end}`,
    creditNotes: sql`select ${xeroCreditNotes.xeroCreditNoteId} as xero_credit_note_id, ${xeroCreditNotes.xeroContactId} as xero_contact_id, ${xeroCreditNotes.date} as date,
        ${xeroCreditNotes.currencyRate} as currency_rate, ${inBase(xeroCreditNotes.total, xeroCreditNotes.currencyRate)} as base
      from ${xeroCreditNotes}
      where ${xeroCreditNotes.orgId} = ${orgId} and ${isLiveCreditNote(xeroCreditNotes.status)} and ${xeroCreditNotes.date} >= ${start} and ${xeroCreditNotes.date} < ${end}`,
    payments: sql`select ${xeroPayments.xeroPaymentId} as xero_payment_id, ${xeroPayments.xeroInvoiceId} as xero_invoice_id, ${xeroPayments.xeroContactId} as xero_contact_id, ${xeroPayments.date} as date, ${inBase(xeroPayments.amount, xeroPayments.currencyRate)} as base
      from ${xeroPayments}
      where ${xeroPayments.orgId} = ${orgId} and ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)} and ${xeroPayments.date} >= ${start} and ${xeroPayments.date} < ${end}`,
  };
}

/**
 * Invoiced, credited and collected per calendar month, by each document's own date, in the base
 * currency (each document at its own rate, rounded per document): live invoices' Total, live credit
 * notes' Total, counted payments' Amount. Every month of the range is present, zeros included.
 */
export async function revenueReport(db: Db, scope: ReportScope, q: z.infer<typeof revenueQuery>): Promise<RevenueReport> {
  const { from, to } = revenueRange(scope, q);
  const { start, end } = revenueWindow(from, to);
  // The day totals the mirrors keep (a row per day, not per document), summed by month.
  const { rows } = await db.execute<{ month: string; invoiced: string; credited: string; collected: string }>(sql`
    with months as (
      select m::date as month from generate_series(${start}::date, ${`${to}-01`}::date, interval '1 month') m
    ), per_month as (
      select date_trunc('month', day)::date as month, ${moneySum(sql`invoiced`)} as invoiced, ${moneySum(sql`credited`)} as credited, ${moneySum(sql`collected`)} as collected
      from ${dayTotals(scope.orgId, start, end)} days group by 1
    )
    select to_char(months.month, 'YYYY-MM') as month, coalesce(per_month.invoiced, '0.00') as invoiced, coalesce(per_month.credited, '0.00') as credited, coalesce(per_month.collected, '0.00') as collected
    from months left join per_month using (month)
    order by months.month`);
  return { currency: scope.currency, goal: scope.monthlyGoal, from, to, months: rows };
}

export interface MonthToDate {
  month: string;
  invoiced: string;
  collected: string;
  /** Invoiced so far, run on at the same daily pace to the month's end. */
  projectedInvoiced: string;
  daysElapsed: number;
  daysInMonth: number;
}

/** The current month so far and where its pace ends (today counts as a day elapsed). */
export async function monthToDate(db: Db, scope: ReportScope): Promise<MonthToDate> {
  const month = scope.today.slice(0, 7);
  const [current] = (await revenueReport(db, scope, { from: month, to: month })).months;
  const daysElapsed = Number(scope.today.slice(8, 10));
  const [y, m] = month.split("-").map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month, invoiced: current.invoiced, collected: current.collected, projectedInvoiced: divideDecimals(multiplyDecimals(current.invoiced, String(daysInMonth), 2), String(daysElapsed), 2)!, daysElapsed, daysInMonth };
}
