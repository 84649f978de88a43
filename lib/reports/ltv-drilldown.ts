import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { customers, xeroInvoices, xeroPayments } from "@/db/schema";
import { type ltvQuery, NO_SOURCE, sourceKey } from "./ltv-report";
import { contactCustomers, inBase, isCountedPayment, isLiveInvoice } from "./money-rules";
import type { ReportScope } from "./report-scope";

export const DRILLDOWN_LIMIT = 200;

export type LtvCustomer = { customerId: string; name: string; ltv: string; payments: number; firstInvoiceDate: string | null };

/**
 * The customers behind one lead-source row of the lifetime-value report (the same grouping and
 * cohort), most valuable first: each one's LTV, payments and first live invoice. At most 200; `total`
 * says how many there are.
 */
export async function ltvSourceCustomers(db: Db, scope: ReportScope, q: z.infer<typeof ltvQuery>, leadSource: string): Promise<{ leadSource: string; customers: LtvCustomer[]; total: number }> {
  const key = leadSource.trim().toLowerCase() === NO_SOURCE ? NO_SOURCE : leadSource.trim().toLowerCase();
  const cohort = q.from && q.to ? sql`and first.first_date between ${q.from}::date and ${q.to}::date` : sql``;
  const { rows } = await db.execute<LtvCustomer & { total: number }>(sql`
    with links as ${contactCustomers(scope.orgId)},
    mine as (
      select ${customers.id} as id, ${customers.name} as name from ${customers}
      where ${customers.orgId} = ${scope.orgId} and ${sourceKey(customers.leadSource)} = ${key}
    ), first as (
      select links.customer_id, min(${xeroInvoices.date}) as first_date from ${xeroInvoices} join links on links.xero_contact_id = ${xeroInvoices.xeroContactId}
      where ${xeroInvoices.orgId} = ${scope.orgId} and ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)} and links.customer_id in (select id from mine)
      group by 1
    ), paid as (
      select links.customer_id, sum(${inBase(xeroPayments.amount, xeroPayments.currencyRate)}) as ltv, count(*)::int as payments
      from ${xeroPayments} join links on links.xero_contact_id = ${xeroPayments.xeroContactId}
      where ${xeroPayments.orgId} = ${scope.orgId} and ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)} and links.customer_id in (select id from mine)
      group by 1
    )
    select mine.id as "customerId", mine.name, coalesce(paid.ltv, 0)::numeric(18, 2)::text as ltv, coalesce(paid.payments, 0) as payments,
      first.first_date::text as "firstInvoiceDate", count(*) over ()::int as total
    from mine left join paid on paid.customer_id = mine.id left join first on first.customer_id = mine.id
    where true ${cohort}
    order by coalesce(paid.ltv, 0) desc, mine.name, mine.id
    limit ${DRILLDOWN_LIMIT}`);
  return { leadSource, customers: rows.map((r) => ({ customerId: r.customerId, name: r.name, ltv: r.ltv, payments: r.payments, firstInvoiceDate: r.firstInvoiceDate })), total: rows[0]?.total ?? 0 };
}
