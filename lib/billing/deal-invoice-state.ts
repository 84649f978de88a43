import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { syncItems, xeroInvoices, type Deal } from "@/db/schema";

/** What the deal page says about the deal's invoice: the invoice as Xero has it, and where its sync stands. */
export async function dealInvoiceState(db: Db, orgId: string, deal: Pick<Deal, "id" | "xeroInvoiceId">) {
  const [invoice] = deal.xeroInvoiceId
    ? await db
        .select()
        .from(xeroInvoices)
        .where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, deal.xeroInvoiceId)))
    : [];
  const [sync] = await db
    .select({ status: syncItems.status, code: syncItems.lastErrorCode, message: syncItems.lastErrorMessage, xeroMessage: syncItems.lastXeroMessage })
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "deal"), eq(syncItems.entityId, deal.id)))
    .orderBy(desc(syncItems.updatedAt))
    .limit(1);
  return {
    invoice: invoice ?? null,
    sync: sync ?? null,
    /** Drafts follow the deal; approved or paid invoices change only through a credit note in Xero. */
    approved: invoice ? !["DRAFT", "SUBMITTED"].includes(invoice.status) : false,
  };
}
