import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, xeroContacts, xeroInvoices } from "@/db/schema";

export interface CustomerBalance {
  currency: string;
  /** What the customer owes on approved invoices, as exact decimal text. */
  outstanding: string;
  /** The part of it past its due date. */
  overdue: string;
}

/**
 * The Xero contacts that are a customer's, read now rather than copied onto each invoice when it
 * was mirrored: a link made later (a review, a late match) or a merge (the merged-away contact now
 * points at the survivor) counts at once. A customer may have several.
 */
function contactsOf(orgId: string, customerIds: string[]): SQL {
  return sql`(
    select ${xeroContacts.xeroContactId} as xero_contact_id, ${xeroContacts.customerId} as customer_id from ${xeroContacts}
      where ${xeroContacts.orgId} = ${orgId} and ${inArray(xeroContacts.customerId, customerIds)}
    union
    select ${customers.xeroContactId}, ${customers.id} from ${customers}
      where ${customers.orgId} = ${orgId} and ${inArray(customers.id, customerIds)} and ${customers.xeroContactId} is not null
  )`;
}

/**
 * Outstanding and overdue per currency for each customer, summed in SQL over every approved sales
 * invoice (numeric, so exact; never a page of the newest). Customers who owe nothing are absent.
 */
export async function customerBalances(db: Db, orgId: string, customerIds: string[], today: string): Promise<Map<string, CustomerBalance[]>> {
  const balances = new Map<string, CustomerBalance[]>();
  if (!customerIds.length) return balances;
  const rows = await db.execute<{ customer_id: string; currency: string; outstanding: string; overdue: string }>(sql`
    select link.customer_id, ${xeroInvoices.currency} as currency,
      sum(${xeroInvoices.amountDue})::numeric(16, 2)::text as outstanding,
      coalesce(sum(${xeroInvoices.amountDue}) filter (where ${xeroInvoices.dueDate} < ${today}), 0)::numeric(16, 2)::text as overdue
    from ${xeroInvoices} join ${contactsOf(orgId, customerIds)} link on link.xero_contact_id = ${xeroInvoices.xeroContactId}
    where ${xeroInvoices.orgId} = ${orgId} and ${xeroInvoices.type} = 'ACCREC' and ${xeroInvoices.status} = 'AUTHORISED'
    group by link.customer_id, ${xeroInvoices.currency}
    order by ${xeroInvoices.currency}`);
  for (const r of rows.rows) balances.set(r.customer_id, [...(balances.get(r.customer_id) ?? []), { currency: r.currency, outstanding: r.outstanding, overdue: r.overdue }]);
  return balances;
}

export const isPastDue = (balances: CustomerBalance[]) => balances.some((b) => b.overdue !== "0.00");

/** A customer's Xero picture for its page: balances in each currency, whether anything is past due, and its newest invoices. */
export async function customerFinance(db: Db, orgId: string, customerId: string, today = new Date().toISOString().slice(0, 10)) {
  const [balances, invoices] = await Promise.all([
    customerBalances(db, orgId, [customerId], today).then((m) => m.get(customerId) ?? []),
    db
      .select({ invoice: xeroInvoices })
      .from(xeroInvoices)
      .innerJoin(sql`${contactsOf(orgId, [customerId])} link`, sql`link.xero_contact_id = ${xeroInvoices.xeroContactId}`)
      .where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.type, "ACCREC")))
      .orderBy(desc(xeroInvoices.date), desc(xeroInvoices.number))
      .limit(200)
      .then((rows) => rows.map((r) => r.invoice)),
  ]);
  return { invoices, balances, pastDue: isPastDue(balances) };
}
