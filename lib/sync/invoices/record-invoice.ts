import { and, eq, isNull, or } from "drizzle-orm";
import type { Invoice } from "xero-node";
import type { Db } from "@/db";
import { deals, pipelineStages, type InvoiceSettings, type SyncItem } from "@/db/schema";
import { isInvoiceTrigger } from "@/lib/billing/invoice-settings";
import { enqueueSync } from "@/lib/crm/outbox";
import { settleSkipped, settleSynced } from "../outbox/settle-items";

/** Whether a deal at this stage may (still) have an invoice made: the rule pushDealBatch applies before the write. */
export function mayInvoiceAt(settings: Pick<InvoiceSettings, "triggerStageId">, stage: { id: string; kind: string }, requestedBy: string): boolean {
  // A person's request may invoice early (they confirmed the stage), never a deal lost meanwhile.
  return isInvoiceTrigger(settings, stage as { id: string; kind: "open" | "won" | "lost" }) || (requestedBy === "manual" && stage.kind !== "lost");
}

/**
 * Records what Xero made or updated for a deal, in one transaction holding the deal's row: the
 * deal's link (set where it is empty, or replacing the voided or deleted invoice this one
 * replaces), the outbox row settled, and, for a new approved invoice with "Send to customer" on,
 * its email queued as outbox work of its own, so an email refused by a limit or an outage is
 * retried instead of lost.
 *
 * A new invoice whose deal was deleted or left the invoicing stage while the write was out is an
 * orphan: nothing links it, and the caller removes it from Xero. The lock makes this exact: a move
 * or delete that ran first is seen here, and one that runs after sees the link and is refused.
 */
export async function recordInvoice(
  db: Db,
  input: { orgId: string; token: string; item: SyncItem; invoice: Invoice; isNew: boolean; replaces: string | null; settings: Pick<InvoiceSettings, "triggerStageId" | "sendToCustomer" | "sendByLedgerbridge"> },
): Promise<"recorded" | "orphan"> {
  const { orgId, token, item, invoice } = input;
  return db.transaction(async (tx) => {
    if (input.isNew) {
      const [now] = await tx
        .select({ stageId: pipelineStages.id, kind: pipelineStages.kind })
        .from(deals)
        .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
        .where(and(eq(deals.orgId, orgId), eq(deals.id, item.entityId)))
        .for("update", { of: deals });
      if (!now || !mayInvoiceAt(input.settings, { id: now.stageId, kind: now.kind }, item.requestedBy)) {
        const what = now ? "left the invoicing stage" : "was deleted";
        await settleSkipped(tx, token, item, { code: "not_won", message: `The deal ${what} while its invoice was being made; that invoice is removed from Xero.` });
        return "orphan";
      }
    }
    const linkable = input.replaces ? or(isNull(deals.xeroInvoiceId), eq(deals.xeroInvoiceId, input.replaces)) : isNull(deals.xeroInvoiceId);
    await tx
      .update(deals)
      .set({ xeroInvoiceId: invoice.invoiceID })
      .where(and(eq(deals.orgId, orgId), eq(deals.id, item.entityId), linkable));
    if (input.isNew && (input.settings.sendToCustomer || input.settings.sendByLedgerbridge) && String(invoice.status) === "AUTHORISED" && !invoice.sentToContact) {
      await enqueueSync(tx, orgId, "invoice_email", item.entityId, "upsert", invoice.invoiceID ?? null);
    }
    await settleSynced(tx, token, item, invoice.invoiceID ?? null);
    return "recorded";
  });
}
