import type { InvoiceSettings, PipelineStage } from "@/db/schema";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { can } from "@/lib/tenancy/roles";

/**
 * Whether a person may ask for a deal's invoice by hand ("Create invoice"), and on what terms.
 * The invoicing stage (Settings -> Invoicing) says when a deal is ready to bill; a request there or
 * later goes ahead, one before it is for those who see finance, after a confirmation that names
 * the stage; a lost deal is never invoiced. An invoice that leaves approved (or emailed to the
 * customer) is a real bill, so only finance, admins and owners (and API keys) make one by hand.
 */
export type InvoiceGate = { kind: "open" } | { kind: "confirm"; message: string; confirmLabel: string } | { kind: "refused"; message: string };

export function invoiceGate(
  settings: Pick<InvoiceSettings, "triggerStageId" | "status" | "sendToCustomer">,
  stage: Pick<PipelineStage, "id" | "name" | "kind" | "position">,
  stages: Pick<PipelineStage, "id" | "name" | "kind" | "position">[],
  who: Pick<CrmActor, "role">,
): InvoiceGate {
  if (stage.kind === "lost") return { kind: "refused", message: `Lost deals are not invoiced: move the deal out of ${stage.name} first.` };
  const mayBill = who.role === "api" || can(who.role, "finance:view");
  if (!mayBill && (settings.status === "AUTHORISED" || settings.sendToCustomer)) {
    const what = settings.sendToCustomer ? "approved and emailed to the customer" : "approved";
    return { kind: "refused", message: `Invoices are ${what} as soon as they are made (Settings -> Invoicing): ask finance or an admin to create this one.` };
  }
  const trigger = settings.triggerStageId ? stages.find((s) => s.id === settings.triggerStageId) : undefined;
  const triggerName = trigger?.name ?? "a Won stage";
  const ready = trigger ? stage.position >= trigger.position : stage.kind === "won";
  if (ready) return { kind: "open" };
  if (!mayBill) return { kind: "refused", message: `This deal is at ${stage.name}; deals are invoiced at ${triggerName}. Move it there, or ask finance to invoice it early.` };
  return { kind: "confirm", message: `This deal is at ${stage.name}, before ${triggerName} where deals are invoiced. Confirm to invoice it now.`, confirmLabel: `Invoice it now, before ${triggerName}` };
}
