import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { dealLines, xeroConnections, xeroInvoices } from "@/db/schema";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { getDeal } from "@/lib/crm/deals";
import { enqueueSync } from "@/lib/crm/outbox";
import { assertCanEditOwned } from "@/lib/crm/record-access";
import { listStages } from "@/lib/crm/pipeline-stages";
import { AppError } from "@/lib/errors";
import { DEAD_INVOICE_STATUSES } from "@/lib/sync/invoices/invoice-status";
import { invoiceGate } from "./invoice-gate";
import { getInvoiceSettings } from "./invoice-settings";

/**
 * "Create invoice" (the deal page's button, POST /api/v1/deals/{id}/invoice): queues the deal's
 * invoice as a person's request, which the invoice-on-win switch does not hold back; before the
 * invoicing stage it needs `confirmStage` (see invoiceGate). A deal never gets a second live one: a
 * deal with an invoice is answered with it (unless it was voided or deleted in Xero), and repeated
 * requests fold into one outbox row.
 */
export async function requestInvoice(db: Db, actor: CrmActor, dealId: string, options: { confirmStage?: boolean } = {}): Promise<{ queued: boolean; invoice: { id: string; number: string | null; status: string } | null }> {
  const deal = await getDeal(db, actor.orgId, dealId);
  assertCanEditOwned(actor, deal.ownerId, "deals");
  if (deal.xeroInvoiceId) {
    const [invoice] = await db
      .select({ id: xeroInvoices.id, number: xeroInvoices.number, status: xeroInvoices.status })
      .from(xeroInvoices)
      .where(and(eq(xeroInvoices.orgId, actor.orgId), eq(xeroInvoices.xeroInvoiceId, deal.xeroInvoiceId)));
    // A voided or deleted invoice bills nothing: the deal may be invoiced again (the push replaces the link).
    if (!invoice || !DEAD_INVOICE_STATUSES.has(invoice.status)) return { queued: false, invoice: invoice ?? null };
  }
  const [settings, stages] = await Promise.all([getInvoiceSettings(db, actor.orgId), listStages(db, actor.orgId)]);
  const stage = stages.find((s) => s.id === deal.stageId)!;
  const gate = invoiceGate(settings, stage, stages, actor);
  if (gate.kind === "refused") throw new AppError("conflict", gate.message);
  if (gate.kind === "confirm" && !options.confirmStage) throw new AppError("validation", gate.message, [{ field: "confirmStage", message: "Tick the confirmation to invoice before the invoicing stage." }]);
  if (!(await db.$count(dealLines, eq(dealLines.dealId, deal.id)))) throw new AppError("validation", "lines: add the products sold before invoicing this deal.", [{ field: "lines", message: "Add at least one line." }]);
  const [connection] = await db.select({ status: xeroConnections.status }).from(xeroConnections).where(eq(xeroConnections.orgId, actor.orgId));
  if (!connection) throw new AppError("conflict", "Connect Xero first (Settings -> Integrations); the invoice is made there.");
  await enqueueSync(db, actor.orgId, "deal", deal.id, "upsert", null, "manual");
  return { queued: true, invoice: null };
}
