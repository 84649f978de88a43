import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroInvoices, xeroPayments } from "@/db/schema";

/**
 * xero_payments.xero_contact_id is its mirrored invoice's contact (null while the mirror does not
 * hold the invoice). Two writers keep it so: the payment mirror reads the invoice's contact, and the
 * invoice mirror moves the invoice's payments with it. Run side by side (a pull and a webhook fetch),
 * each could miss the other's uncommitted row, so both take this per-organisation lock, in their
 * transaction, before they read or write the column: whichever goes second sees the first's rows.
 * The invoice mirror takes it last (after its invoice row locks) and the payment mirror first, so no
 * cycle can form.
 */
export async function lockPaymentContacts(tx: Db, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('xero_payments.xero_contact_id'), hashtext(${orgId}))`);
}

/** The mirrored contact of each of these invoices. */
export async function invoiceContacts(tx: Db, orgId: string, invoiceIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(invoiceIds)];
  const found = new Map<string, string>();
  for (let n = 0; n < ids.length; n += 1000) {
    const rows = await tx
      .select({ id: xeroInvoices.xeroInvoiceId, contact: xeroInvoices.xeroContactId })
      .from(xeroInvoices)
      .where(and(eq(xeroInvoices.orgId, orgId), inArray(xeroInvoices.xeroInvoiceId, ids.slice(n, n + 1000))));
    for (const r of rows) found.set(r.id, r.contact);
  }
  return found;
}

/**
 * The payments of these invoices take the invoices' contacts as now stored: after an edit or a merge
 * in Xero moved an invoice, or when an invoice arrives after its payments. Call after the invoices'
 * upsert, in its transaction.
 */
export async function paymentsFollowInvoices(tx: Db, orgId: string, invoiceIds: string[]) {
  if (!invoiceIds.length) return;
  await lockPaymentContacts(tx, orgId);
  for (let n = 0; n < invoiceIds.length; n += 1000) {
    await tx.execute(sql`
      update ${xeroPayments} p set xero_contact_id = i.xero_contact_id
      from ${xeroInvoices} i
      where p.org_id = ${orgId} and p.xero_invoice_id in (${sql.join(invoiceIds.slice(n, n + 1000).map((id) => sql`${id}`), sql`, `)})
        and i.org_id = p.org_id and i.xero_invoice_id = p.xero_invoice_id and p.xero_contact_id is distinct from i.xero_contact_id`);
  }
}
