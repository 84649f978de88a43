import { Invoice } from "xero-node";
import type { Db } from "@/db";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant, XeroOrganisationSwitchedError } from "@/lib/xero/tenant-fence";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import type { SyncLogInput, SyncTrigger } from "../sync-log";
import { mirrorInvoices } from "./mirror-invoices";

/**
 * Invoices made for deals that were deleted or left the invoicing stage while the write was out:
 * a draft is deleted in Xero, an approved one (nothing paid on it yet) voided, in one call, so the
 * books hold no invoice nobody asked for. Answers the sync log's lines; never throws, since the
 * invoices are made and their rows settled: a failure says what to remove in Xero by hand (except a
 * switch of Xero organisation, which the caller's batch settles).
 */
export async function removeOrphanInvoices(db: Db, orgId: string, orphans: { dealId: string; invoice: Invoice }[], trigger: SyncTrigger): Promise<SyncLogInput[]> {
  if (!orphans.length) return [];
  const payload: Invoice[] = orphans.map(({ invoice }) => ({
    invoiceID: invoice.invoiceID,
    status: String(invoice.status) === "AUTHORISED" ? Invoice.StatusEnum.VOIDED : Invoice.StatusEnum.DELETED,
  }));
  const line = (dealId: string, invoice: Invoice, result: "ok" | "failed", message: string): SyncLogInput => ({ orgId, recordType: "deal", recordId: dealId, xeroId: invoice.invoiceID, direction: "push", operation: "delete", result, message, trigger });
  try {
    const key = idempotencyKeyFor(orgId, "orphans", [], payload);
    const answer = await callXero(db, orgId, { method: "POST", path: "/Invoices" }, (x, t) => x.accountingApi.updateOrCreateInvoices(t, { invoices: payload }, false, 4, key));
    const results = answer.body.invoices ?? [];
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, (tx) => mirrorInvoices(tx, orgId, results.filter((r) => String(r.statusAttributeString) !== "ERROR"), trigger));
    return orphans.map(({ dealId, invoice }, i) => {
      const done = results[i] && String(results[i].statusAttributeString) !== "ERROR";
      const verb = String(payload[i].status) === "VOIDED" ? "voided" : "deleted";
      return done
        ? line(dealId, invoice, "ok", `${invoice.invoiceNumber ?? "Invoice"} ${verb} in Xero: its deal left the invoicing stage while it was being made.`)
        : line(dealId, invoice, "failed", `${invoice.invoiceNumber ?? "Invoice"} was made while its deal left the invoicing stage, and Xero refused to remove it: ${verb === "voided" ? "void" : "delete"} it in Xero.`);
    });
  } catch (error) {
    // Other books answered (the organisation switched): nothing is known of these invoices here.
    if (error instanceof XeroOrganisationSwitchedError) throw error;
    return orphans.map(({ dealId, invoice }) => line(dealId, invoice, "failed", `${invoice.invoiceNumber ?? "Invoice"} was made while its deal left the invoicing stage, and could not be removed now: delete or void it in Xero.`));
  }
}
