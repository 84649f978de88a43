import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroInvoices, xeroPayments } from "@/db/schema";
import { divideDecimals, inBase, isCountedPayment, isLiveInvoice, subtractDecimals } from "./money-rules";
import type { ReportScope } from "./report-scope";

export interface ExchangeRateLine {
  currency: string;
  /** What is open in that currency, in that currency. */
  amount: string;
  /** In the base currency at each invoice's own rate: what the report's totals hold. */
  atBookedRates: string;
  /**
   * The newest rate Xero applied in that currency (Xero publishes no rates API: the rate of the
   * latest-dated invoice or payment it booked), with its date and where it was seen.
   */
  latestRate: string;
  latestRateDate: string;
  latestRateSource: string;
  /** The amount at that rate, rounded half-up to the cent once. */
  atLatestRate: string;
  /** atLatestRate - atBookedRates: how much of the base figure is currency movement since booking. */
  exchangeDifference: string;
}

/**
 * Open receivables in currencies other than the base, at the rates they were booked at and at the
 * latest rate Xero used, so a manager sees how much of a change is currency. A currency with no
 * rate seen (cannot happen for an open invoice, which carries its own) is left out.
 */
export async function receivablesExchangeLines(db: Db, scope: ReportScope): Promise<ExchangeRateLine[]> {
  const { rows } = await db.execute<{ currency: string; amount: string; booked: string; rate: string; rate_date: string; source: string }>(sql`
    with open_foreign as (
      select ${xeroInvoices.currency} as currency, sum(${xeroInvoices.amountDue})::numeric(18, 2)::text as amount,
        sum(${inBase(xeroInvoices.amountDue, xeroInvoices.currencyRate)})::numeric(18, 2)::text as booked
      from ${xeroInvoices}
      where ${xeroInvoices.orgId} = ${scope.orgId} and ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)}
        and ${xeroInvoices.amountDue} > 0 and ${xeroInvoices.currency} <> ${scope.currency}
      group by ${xeroInvoices.currency}
    ), seen as (
      select ${xeroInvoices.currency} as currency, ${xeroInvoices.currencyRate} as rate, ${xeroInvoices.date} as date, ${xeroInvoices.xeroUpdatedAt} as updated,
        coalesce(${xeroInvoices.number}, 'an invoice') as source
      from ${xeroInvoices}
      where ${xeroInvoices.orgId} = ${scope.orgId} and ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)}
        and ${xeroInvoices.currency} in (select currency from open_foreign)
      union all
      select ${xeroPayments.currency}, ${xeroPayments.currencyRate}, ${xeroPayments.date}, ${xeroPayments.xeroUpdatedAt}, 'a payment'
      from ${xeroPayments}
      where ${xeroPayments.orgId} = ${scope.orgId} and ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)}
        and ${xeroPayments.currency} in (select currency from open_foreign)
    ), latest as (
      select distinct on (currency) currency, rate, date, source from seen order by currency, date desc, updated desc
    )
    select o.currency, o.amount, o.booked, rtrim(rtrim(l.rate::text, '0'), '.') as rate, l.date::text as rate_date, l.source
    from open_foreign o join latest l on l.currency = o.currency
    order by o.currency`);
  return rows.map((r) => {
    const atLatestRate = divideDecimals(r.amount, r.rate, 2)!;
    return { currency: r.currency, amount: r.amount, atBookedRates: r.booked, latestRate: r.rate, latestRateDate: r.rate_date, latestRateSource: r.source, atLatestRate, exchangeDifference: subtractDecimals(atLatestRate, r.booked) };
  });
}
