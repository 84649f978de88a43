import { and, eq, isNull, or } from "drizzle-orm";
import type { Invoice } from "xero-node";
import type { Db } from "@/db";
import { deals, type SyncItem } from "@/db/schema";
import { enqueueSync } from "@/lib/crm/outbox";
import { settleSynced } from "../outbox/settle-items";

/**
 * Records what Xero made or updated for a deal, in one transaction: the deal's link (set where it
 * is empty, or replacing the voided or deleted invoice this one replaces), the outbox row settled,
 * and, for a new approved invoice with "Send to customer" on, its email queued as outbox work of
 * its own, so an email refused by a limit or an outage is retried instead of lost.
 */
export async function recordInvoice(
  db: Db,
  input: { orgId: string; token: string; item: SyncItem; invoice: Invoice; isNew: boolean; replaces: string | null; sendToCustomer: boolean },
): Promise<void> {
  const { orgId, token, item, invoice } = input;
  await db.transaction(async (tx) => {
    const linkable = input.replaces ? or(isNull(deals.xeroInvoiceId), eq(deals.xeroInvoiceId, input.replaces)) : isNull(deals.xeroInvoiceId);
    await tx
      .update(deals)
      .set({ xeroInvoiceId: invoice.invoiceID })
      .where(and(eq(deals.orgId, orgId), eq(deals.id, item.entityId), linkable));
    if (input.isNew && input.sendToCustomer && String(invoice.status) === "AUTHORISED" && !invoice.sentToContact) {
      await enqueueSync(tx, orgId, "invoice_email", item.entityId, "upsert", invoice.invoiceID ?? null);
    }
    await settleSynced(tx, token, item, invoice.invoiceID ?? null);
  });
}
