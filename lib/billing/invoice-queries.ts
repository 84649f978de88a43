import { and, asc, eq, gt, gte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { xeroInvoices, xeroPayments } from "@/db/schema";
import { displayStatusOf } from "./display-status";
import { boundedInstant } from "@/lib/bounded-date";
import { decodeCursor, encodeCursor } from "@/lib/crm/cursor";

/** The tenant API's invoice fields (the list), amounts null for a key without amounts; `today` is the organisation's date (for Overdue). */
export function invoiceApiRow(i: typeof xeroInvoices.$inferSelect, canSeeAmounts: boolean, today: string) {
  const amount = (v: string) => (canSeeAmounts ? v : null);
  return {
    id: i.id,
    xeroInvoiceId: i.xeroInvoiceId,
    number: i.number,
    customerId: i.customerId,
    dealId: i.dealId,
    status: i.status,
    displayStatus: displayStatusOf(i, today),
    currency: i.currency,
    total: amount(i.total),
    amountDue: amount(i.amountDue),
    amountPaid: amount(i.amountPaid),
    dueDate: i.dueDate,
    paidAt: i.fullyPaidOn,
    sentToContact: i.sentToContact,
    sentAt: i.sentAt?.toISOString() ?? null,
    viewedAt: i.viewedAt?.toISOString() ?? null,
    updatedAt: i.xeroUpdatedAt.toISOString(),
  };
}

export const invoiceListQuery = z.object({
  customerId: z.uuid("customerId must be a customer id.").optional(),
  dealId: z.uuid("dealId must be a deal id.").optional(),
  subscriptionId: z.uuid("subscriptionId must be a subscription id.").optional(),
  status: z.enum(["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"], { error: "status must be DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED or DELETED." }).optional(),
  updatedSince: boundedInstant("updatedSince").optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 100." }).int().min(1, "limit must be at least 1.").max(100, "limit can be at most 100.").default(50),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuery>;

/** Invoices in the order Xero last changed them, keyset-paged so a client can follow changes with updatedSince and the cursor. */
export async function listInvoicesAfter(db: Db, orgId: string, q: InvoiceListQuery) {
  const cursor = decodeCursor(q.cursor ?? null);
  const where: (SQL | undefined)[] = [eq(xeroInvoices.orgId, orgId)];
  if (q.customerId) where.push(eq(xeroInvoices.customerId, q.customerId));
  if (q.dealId) where.push(eq(xeroInvoices.dealId, q.dealId));
  // A subscription's invoices: those its Xero repeating invoices generated (linked when mirrored, so
  // a paused and resumed subscription keeps the invoices of its earlier repeating invoice).
  if (q.subscriptionId) where.push(eq(xeroInvoices.subscriptionId, q.subscriptionId));
  if (q.status) where.push(eq(xeroInvoices.status, q.status));
  if (q.updatedSince) where.push(gte(xeroInvoices.xeroUpdatedAt, q.updatedSince));
  if (cursor) where.push(or(gt(xeroInvoices.xeroUpdatedAt, new Date(cursor.createdAt)), and(eq(xeroInvoices.xeroUpdatedAt, new Date(cursor.createdAt)), gt(xeroInvoices.id, cursor.id))));
  const rows = await db
    .select()
    .from(xeroInvoices)
    .where(and(...where))
    .orderBy(asc(xeroInvoices.xeroUpdatedAt), asc(xeroInvoices.id))
    .limit(q.limit + 1);
  const data = rows.slice(0, q.limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > q.limit && last ? encodeCursor({ createdAt: last.xeroUpdatedAt, id: last.id }) : null };
}

export const paymentListQuery = z.object({
  invoiceId: z.uuid("invoiceId must be an invoice id (the id of /api/v1/invoices).").optional(),
  updatedSince: boundedInstant("updatedSince").optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 100." }).int().min(1, "limit must be at least 1.").max(100, "limit can be at most 100.").default(50),
});

export async function listPaymentsAfter(db: Db, orgId: string, q: z.infer<typeof paymentListQuery>, canSeeAmounts: boolean) {
  const cursor = decodeCursor(q.cursor ?? null);
  const where: (SQL | undefined)[] = [eq(xeroPayments.orgId, orgId)];
  if (q.invoiceId) where.push(sql`${xeroPayments.xeroInvoiceId} = (select xero_invoice_id from xero_invoices where id = ${q.invoiceId} and org_id = ${orgId})`);
  if (q.updatedSince) where.push(gte(xeroPayments.xeroUpdatedAt, q.updatedSince));
  if (cursor) where.push(or(gt(xeroPayments.xeroUpdatedAt, new Date(cursor.createdAt)), and(eq(xeroPayments.xeroUpdatedAt, new Date(cursor.createdAt)), gt(xeroPayments.id, cursor.id))));
  const rows = await db
    .select({ payment: xeroPayments, invoiceId: xeroInvoices.id, currency: xeroInvoices.currency, customerId: xeroInvoices.customerId })
    .from(xeroPayments)
    .leftJoin(xeroInvoices, and(eq(xeroInvoices.orgId, xeroPayments.orgId), eq(xeroInvoices.xeroInvoiceId, xeroPayments.xeroInvoiceId)))
    .where(and(...where))
    .orderBy(asc(xeroPayments.xeroUpdatedAt), asc(xeroPayments.id))
    .limit(q.limit + 1);
  const data = rows.slice(0, q.limit).map((r) => ({
    id: r.payment.id,
    xeroPaymentId: r.payment.xeroPaymentId,
    invoiceId: r.invoiceId,
    xeroInvoiceId: r.payment.xeroInvoiceId,
    customerId: r.customerId,
    date: r.payment.date,
    amount: canSeeAmounts ? r.payment.amount : null,
    currency: r.payment.currency ?? r.currency,
    status: r.payment.status,
    isReconciled: r.payment.isReconciled,
    updatedAt: r.payment.xeroUpdatedAt.toISOString(),
  }));
  const last = rows[Math.min(rows.length, q.limit) - 1];
  return { data, nextCursor: rows.length > q.limit && last ? encodeCursor({ createdAt: last.payment.xeroUpdatedAt, id: last.payment.id }) : null };
}
