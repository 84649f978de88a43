import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroInvoices, xeroPayments } from "@/db/schema";
import { contactCustomers, inBase, isCountedPayment } from "./money-rules";
import type { ReportScope } from "./report-scope";

export type CustomerPayment = {
  xeroPaymentId: string;
  date: string;
  /** In the payment's own currency. */
  amount: string;
  currency: string;
  invoiceNumber: string | null;
};

export interface CustomerLifetime {
  currency: string;
  /** The sum of the customer's payments in the base currency, each at its own rate (the LTV report's figure). */
  lifetimeValue: string;
  /** Mean days from an invoice's date to the day it was fully paid, over its paid invoices; one decimal; null with none. */
  averageDaysToPay: string | null;
  paidInvoices: number;
  /** Every counted payment, newest first, at most `limit`. */
  payments: CustomerPayment[];
  paymentCount: number;
}

/**
 * One customer's lifetime in the books, for its page: its value (the same rule as the lifetime-value
 * report: a payment is the customer's when the paid invoice's contact, which the payment row carries,
 * is linked to it, read now),
 * how long it takes to pay, and its payments going back years.
 */
export async function customerLifetime(db: Db, scope: ReportScope, customerId: string, limit = 100): Promise<CustomerLifetime> {
  const mine = sql`(select xero_contact_id from ${contactCustomers(scope.orgId)} links where links.customer_id = ${customerId})`;
  const [{ rows: totals }, { rows: payments }] = await Promise.all([
    db.execute<{ ltv: string; payments: number; average_days: string | null; paid_invoices: number }>(sql`
      select
        (select coalesce(sum(${inBase(xeroPayments.amount, xeroPayments.currencyRate)}), 0)::numeric(18, 2)::text from ${xeroPayments}
          where ${xeroPayments.orgId} = ${scope.orgId} and ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)} and ${xeroPayments.xeroContactId} in ${mine}) as ltv,
        (select count(*)::int from ${xeroPayments}
          where ${xeroPayments.orgId} = ${scope.orgId} and ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)} and ${xeroPayments.xeroContactId} in ${mine}) as payments,
        round(avg(${xeroInvoices.fullyPaidOn} - ${xeroInvoices.date}), 1)::text as average_days,
        count(*)::int as paid_invoices
      from ${xeroInvoices}
      where ${xeroInvoices.orgId} = ${scope.orgId} and ${xeroInvoices.type} = 'ACCREC' and ${xeroInvoices.status} = 'PAID'
        and ${xeroInvoices.fullyPaidOn} is not null and ${xeroInvoices.xeroContactId} in ${mine}`),
    db.execute<CustomerPayment>(sql`
      select ${xeroPayments.xeroPaymentId} as "xeroPaymentId", ${xeroPayments.date}::text as date, ${xeroPayments.amount}::numeric(16, 2)::text as amount,
        coalesce(${xeroPayments.currency}, ${xeroInvoices.currency}) as currency, ${xeroInvoices.number} as "invoiceNumber"
      from ${xeroPayments}
      join ${xeroInvoices} on ${xeroInvoices.orgId} = ${xeroPayments.orgId} and ${xeroInvoices.xeroInvoiceId} = ${xeroPayments.xeroInvoiceId}
      where ${xeroPayments.orgId} = ${scope.orgId} and ${isCountedPayment(xeroPayments.paymentType, xeroPayments.status)} and ${xeroPayments.xeroContactId} in ${mine}
      order by ${xeroPayments.date} desc, ${xeroPayments.xeroPaymentId}
      limit ${limit}`),
  ]);
  const t = totals[0];
  return { currency: scope.currency, lifetimeValue: t.ltv, averageDaysToPay: t.paid_invoices ? t.average_days : null, paidInvoices: t.paid_invoices, payments, paymentCount: t.payments };
}
