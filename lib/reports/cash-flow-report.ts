import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { customers, deals, invoiceSettings, organizations, pipelineStages, subscriptions, xeroInvoices } from "@/db/schema";
import { addDays, mondayOf } from "@/lib/calendar";
import { dsoOf, invoicedForDso, type asOfQuery } from "./ageing-report";
import { contactTotals } from "./contact-totals";
import { everyContactCustomer, inBase, isLiveInvoice, sumDecimals } from "./money-rules";
import type { ReportScope } from "./report-scope";

export const FORECAST_WEEKS = 13;

export interface CashFlowWeek {
  weekStart: string;
  fromInvoices: string;
  fromDeals: string;
  fromSubscriptions: string;
  expected: string;
}

export interface CashFlowReport {
  currency: string;
  asOf: string;
  weeks: CashFlowWeek[];
  /** Everything expected after week 13. */
  later: string;
  /** The part of week 1 already past due (in week 1's figures, not added again). */
  overdue: string;
  dso: string | null;
  /** CRM amounts in other currencies than the base: shown apart, never summed unconverted. */
  otherCurrencies: { currency: string; fromDeals: string; fromSubscriptions: string }[];
}

type Source = "invoices" | "deals" | "subscriptions" | "dso";

/**
 * Cash expected in the 13 weeks from the Monday of asOf's week:
 * - each open invoice's AmountDue (base) on max(asOf, DueDate + the customer's lateness), or
 *   max(asOf, its date) without a due date; lateness = the mean days its PAID invoices were paid
 *   after their due date, rounded half-up, never below 0 (the contact's own when it has no customer);
 * - open deals in the base currency on max(asOf, expected close) at amount x stage probability
 *   (rounded per deal), and won deals with no live invoice at their amount a week after the win;
 * - active subscriptions in the base currency: their next billing date plus the payment terms
 *   their invoice will carry (the customer's, else the invoicing settings', else the organisation's).
 */
export async function cashFlowReport(db: Db, scope: ReportScope, q: z.infer<typeof asOfQuery>): Promise<CashFlowReport> {
  const asOf = q.asOf ?? scope.today;
  const monday = mondayOf(asOf);
  const on = (d: ReturnType<typeof sql>) => sql`greatest(${asOf}::date, ${d})`;
  const { rows } = await db.execute<{ source: Source; currency: string; expected: string; amount: string; past_due: boolean }>(sql`
    with links as ${everyContactCustomer(scope.orgId)},
    history as (
      -- Days late and PAID invoices per contact are running totals; summed per customer, then divided as numeric.
      select coalesce(links.customer_id::text, 'contact:' || t.xero_contact_id) as who,
        greatest(0, round(sum(t.late_days)::numeric / sum(t.late_invoices)::numeric))::int as lateness
      from ${contactTotals(scope.orgId)} t left join links on links.xero_contact_id = t.xero_contact_id
      where t.late_invoices > 0
      group by 1
    ), open_invoices as (
      select ${scope.currency}::text as currency, ${inBase(xeroInvoices.amountDue, xeroInvoices.currencyRate)} as amount,
        case when ${xeroInvoices.dueDate} is null then ${on(sql`${xeroInvoices.date}`)}
             else ${on(sql`${xeroInvoices.dueDate} + coalesce(history.lateness, 0)`)} end as expected,
        coalesce(${xeroInvoices.dueDate} < ${asOf}::date, false) as past_due
      from ${xeroInvoices}
      left join links on links.xero_contact_id = ${xeroInvoices.xeroContactId}
      left join history on history.who = coalesce(links.customer_id::text, 'contact:' || ${xeroInvoices.xeroContactId})
      where ${xeroInvoices.orgId} = ${scope.orgId} and ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)} and ${xeroInvoices.amountDue} > 0
    ), live_deals as (
      -- Two joins, not one with "or": each uses its index (an "or" join compares every deal with every invoice).
      select i.deal_id as id from ${xeroInvoices} i
      where i.org_id = ${scope.orgId} and i.deal_id is not null and ${isLiveInvoice(sql`i.type`, sql`i.status`)}
      union
      select d.id from ${deals} d join ${xeroInvoices} i on i.org_id = d.org_id and i.xero_invoice_id = d.xero_invoice_id
      where d.org_id = ${scope.orgId} and ${isLiveInvoice(sql`i.type`, sql`i.status`)}
    ), deal_cash as (
      select ${deals.currency} as currency,
        case when ${pipelineStages.kind} = 'won' then ${deals.amount} else round(${deals.amount} * ${pipelineStages.probability} / 100.0, 2) end as amount,
        case when ${pipelineStages.kind} = 'won' then ${on(sql`(${deals.wonAt} at time zone ${scope.timezone})::date + 7`)} else ${on(sql`${deals.expectedCloseDate}`)} end as expected
      from ${deals} join ${pipelineStages} on ${pipelineStages.id} = ${deals.stageId}
      where ${deals.orgId} = ${scope.orgId}
        and ((${pipelineStages.kind} = 'open' and ${deals.expectedCloseDate} is not null and ${pipelineStages.probability} > 0)
          or (${pipelineStages.kind} = 'won' and ${deals.wonAt} is not null and not exists (select 1 from live_deals where live_deals.id = ${deals.id})))
    ), subscription_cash as (
      select ${subscriptions.currency} as currency, ${subscriptions.amount} as amount,
        ${on(sql`${subscriptions.nextBillingDate} + coalesce(${customers.paymentTermDays}, ${invoiceSettings.paymentTermDays}, ${organizations.defaultPaymentTermDays})`)} as expected
      from ${subscriptions} join ${customers} on ${customers.id} = ${subscriptions.customerId} join ${organizations} on ${organizations.id} = ${subscriptions.orgId}
        left join ${invoiceSettings} on ${invoiceSettings.orgId} = ${subscriptions.orgId}
      where ${subscriptions.orgId} = ${scope.orgId} and ${subscriptions.status} = 'active' and ${subscriptions.nextBillingDate} is not null
    )
    select 'invoices' as source, currency, expected::text, sum(amount)::numeric(18, 2)::text as amount, past_due from open_invoices group by currency, expected, past_due
    union all
    select 'deals', currency, expected::text, sum(amount)::numeric(18, 2)::text, false from deal_cash group by currency, expected
    union all
    select 'subscriptions', currency, expected::text, sum(amount)::numeric(18, 2)::text, false from subscription_cash group by currency, expected
    union all
    -- DSO's divisor, in the same round trip (its receivables are the open invoices above).
    select 'dso', ${scope.currency}, null, ${invoicedForDso(scope, asOf)}, false`);

  const horizonEnd = addDays(monday, FORECAST_WEEKS * 7);
  const weekOf = (day: string) => Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${monday}T00:00:00Z`)) / (7 * 86_400_000));
  const cells = Array.from({ length: FORECAST_WEEKS }, () => ({ invoices: [] as string[], deals: [] as string[], subscriptions: [] as string[] }));
  const later: string[] = [];
  const overdue: string[] = [];
  const other = new Map<string, { deals: string[]; subscriptions: string[] }>();
  let invoicedForDays = "0.00";
  const receivables: string[] = [];
  for (const r of rows) {
    if (r.source === "dso") {
      invoicedForDays = r.amount;
      continue;
    }
    if (r.source === "invoices") receivables.push(r.amount);
    if (r.currency !== scope.currency) {
      const o = other.get(r.currency) ?? { deals: [], subscriptions: [] };
      if (r.source === "deals" || r.source === "subscriptions") o[r.source].push(r.amount);
      other.set(r.currency, o);
      continue;
    }
    if (r.expected >= horizonEnd) {
      later.push(r.amount);
      continue;
    }
    const week = weekOf(r.expected);
    cells[week][r.source].push(r.amount);
    if (week === 0 && r.past_due) overdue.push(r.amount);
  }
  const weeks = cells.map((c, i) => {
    const fromInvoices = sumDecimals(c.invoices);
    const fromDeals = sumDecimals(c.deals);
    const fromSubscriptions = sumDecimals(c.subscriptions);
    return { weekStart: addDays(monday, i * 7), fromInvoices, fromDeals, fromSubscriptions, expected: sumDecimals([fromInvoices, fromDeals, fromSubscriptions]) };
  });
  return {
    currency: scope.currency,
    asOf,
    weeks,
    later: sumDecimals(later),
    overdue: sumDecimals(overdue),
    dso: dsoOf(sumDecimals(receivables), invoicedForDays),
    otherCurrencies: [...other.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, o]) => ({ currency, fromDeals: sumDecimals(o.deals), fromSubscriptions: sumDecimals(o.subscriptions) })),
  };
}
