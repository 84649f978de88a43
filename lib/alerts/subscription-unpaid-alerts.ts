import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, memberships, organizations, subscriptions, xeroInvoices } from "@/db/schema";
import { formatMoney } from "@/lib/crm/money";
import { claimAlertSubjects } from "./claim-alert-subjects";
import { OVERDUE_NEWS_DAYS } from "./overdue-alerts";
import { raiseAlert } from "./raise-alert";

/**
 * The seed's "failed payment" alert: an invoice a subscription's run made that is unpaid past its
 * due date (within the last OVERDUE_NEWS_DAYS days: the first run after connecting announces no
 * history) goes once, with a link to the subscription, to the organisation's owners, admins and
 * finance and to the customer's owner. The record of it and the alert are one transaction.
 */
export async function raiseSubscriptionUnpaidAlerts(db: Db, orgId: string, today: string): Promise<{ invoices: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: xeroInvoices.xeroInvoiceId, number: xeroInvoices.number, amountDue: xeroInvoices.amountDue, currency: xeroInvoices.currency, dueDate: xeroInvoices.dueDate, subscriptionId: xeroInvoices.subscriptionId, customerId: customers.id, customerName: customers.name, ownerId: customers.ownerId })
      .from(xeroInvoices)
      // The subscription's customer (the invoice's contact may not be linked to it).
      .leftJoin(subscriptions, and(eq(subscriptions.orgId, xeroInvoices.orgId), eq(subscriptions.id, xeroInvoices.subscriptionId)))
      .leftJoin(customers, and(eq(customers.orgId, xeroInvoices.orgId), eq(customers.id, subscriptions.customerId)))
      .where(
        and(
          eq(xeroInvoices.orgId, orgId),
          sql`${xeroInvoices.subscriptionId} is not null`,
          eq(xeroInvoices.status, "AUTHORISED"),
          sql`${xeroInvoices.amountDue} > 0`,
          sql`${xeroInvoices.dueDate} < ${today}::date and ${xeroInvoices.dueDate} >= ${today}::date - ${OVERDUE_NEWS_DAYS}::integer`,
        ),
      );
    const fresh = await claimAlertSubjects(tx, orgId, "subscription.unpaid", rows.map((r) => r.id));
    const raised = rows.filter((r) => fresh.has(r.id));
    if (!raised.length) return { invoices: 0 };
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
    const finance = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["owner", "admin", "finance"])));
    for (const r of raised) {
      const userIds = [...new Set([...finance.map((m) => m.userId), ...(r.ownerId ? [r.ownerId] : [])])];
      const who = r.customerName ?? "a customer";
      await raiseAlert(tx, {
        orgId,
        kind: "subscription.unpaid",
        userIds,
        message: {
          title: `Subscription payment failed: ${r.number ?? "an invoice"} of ${who} is unpaid past its due date`,
          titleWithoutAmounts: `Subscription payment failed: ${r.number ?? "an invoice"} of ${who} is unpaid past its due date`,
          body: `${formatMoney(r.amountDue, r.currency)} was due on ${r.dueDate}. Follow up with ${who}, or check the payment method in Xero.`,
          bodyWithoutAmounts: `It was due on ${r.dueDate}. Follow up with ${who}, or check the payment method in Xero.`,
          link: r.customerId ? `/o/${org.slug}/customers/${r.customerId}/subscriptions/${r.subscriptionId}` : `/o/${org.slug}/reports/cash-flow#ageing`,
        },
      });
    }
    return { invoices: raised.length };
  });
}
