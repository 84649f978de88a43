import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { deals, xeroInvoices, type SyncItem } from "@/db/schema";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { sendTrackedInvoice } from "@/lib/billing/tracked-link";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { toXeroError } from "@/lib/xero/xero-error";
import { causeOf, fixFor } from "../causes";
import { settleBatchError, type PushOutcome } from "../outbox/batch-outcome";
import { claimDueItems, renewClaim } from "../outbox/claim-items";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import { returnToQueue, settleFailed, settleSkipped, settleSynced } from "../outbox/settle-items";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { mirrorInvoices } from "./mirror-invoices";

/** Each email is a call of its own (Xero has no batch send), so a batch stays well inside a minute's limit. */
export const EMAIL_BATCH = 20;

interface Target {
  item: SyncItem;
  dealTitle: string;
  invoiceId: string;
  number: string | null;
}

/**
 * One batch of "Send to customer": Xero emails the deal's current invoice to its contact. Queued
 * when the push records a new AUTHORISED invoice; drained after deals, with the outbox's usual
 * outcomes (429 waits uncounted, a 5xx or a lost answer comes back uncertain, Xero's refusal is a
 * failed row in the error log). An invoice already SentToContact is never emailed again: an
 * uncertain row reads the invoice from Xero first, since the lost attempt may have sent it.
 */
export async function pushInvoiceEmailBatch(db: Db, orgId: string, trigger: SyncTrigger): Promise<PushOutcome> {
  const claim = await claimDueItems(db, orgId, "invoice_email", EMAIL_BATCH);
  if (!claim.items.length) return { kind: "idle" };
  const { token, items } = claim;
  const invoiceOf = await loadInvoices(db, orgId, items);
  const uncertainIds = items.filter((i) => i.uncertain).map((i) => invoiceOf.get(i.entityId)?.invoiceId).filter((id): id is string => !!id);
  if (uncertainIds.length) {
    try {
      const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?IDs" }, (x, t) => x.accountingApi.getInvoices(t, undefined, undefined, undefined, uncertainIds, undefined, undefined, undefined, 1, undefined, undefined, 4));
      await writeForXeroTenant(db, orgId, answer.xeroTenantId, (tx) => mirrorInvoices(tx, orgId, answer.body.invoices ?? [], trigger));
      for (const inv of answer.body.invoices ?? []) {
        for (const target of invoiceOf.values()) if (target.invoiceId === inv.invoiceID) Object.assign(target, { status: String(inv.status), sent: Boolean(inv.sentToContact) });
      }
    } catch (error) {
      return settleBatchError(db, token, items, error, { recordType: "invoice_email", trigger, wrote: false });
    }
  }

  const log: SyncLogInput[] = [];
  let sendable: Target[] = [];
  for (const item of items) {
    const found = invoiceOf.get(item.entityId);
    if (!found) {
      await settleSkipped(db, token, item, { code: "deleted", message: "The deal was deleted before its invoice was emailed." });
      continue;
    }
    const what = `${found.number ?? "the invoice"} of deal "${found.dealTitle}"`;
    if (found.sent) {
      await settleSynced(db, token, item, found.invoiceId);
      continue;
    }
    if (found.status !== "AUTHORISED") {
      const why = found.status ? `it is ${found.status.toLowerCase()} in Xero` : "the deal has no invoice in Xero";
      await settleSkipped(db, token, item, { code: "not_emailable", message: `Not emailed: ${why}. Send ${what} from Xero if it should still go.` });
      continue;
    }
    sendable.push({ item, dealTitle: found.dealTitle, invoiceId: found.invoiceId, number: found.number });
  }
  const held = await renewClaim(db, token, sendable.map((s) => s.item));
  sendable = sendable.filter((s) => held.has(s.item.id));

  let sent = 0;
  let failed = 0;
  const { sendByLedgerbridge } = await getInvoiceSettings(db, orgId);
  for (const [n, target] of sendable.entries()) {
    const { item, invoiceId } = target;
    const what = `deal "${target.dealTitle}"`;
    if (sendByLedgerbridge) {
      // Our email with our tracked link (Viewed), instead of Xero's.
      const tracked = await sendTrackedInvoice(db, orgId, { xeroInvoiceId: invoiceId, number: target.number, dealId: item.entityId });
      if (!tracked.ok) {
        await settleFailed(db, token, item, { code: tracked.code, message: tracked.message });
        failed++;
        continue;
      }
      await settleSynced(db, token, item, invoiceId);
      log.push({ orgId, recordType: "invoice", recordId: item.entityId, xeroId: invoiceId, direction: "push", operation: "email", result: "ok", message: `${target.number ?? "Invoice"} ${tracked.already ? "was already" : ""} emailed to ${tracked.to} by Ledgerbridge with its tracked link.`.replace("  ", " "), trigger });
      sent++;
      continue;
    }
    try {
      const key = idempotencyKeyFor(orgId, "invoice-email", [item], { invoiceId });
      await callXero(db, orgId, { method: "POST", path: "/Invoices/Email" }, (x, t) => x.accountingApi.emailInvoice(t, invoiceId, {}, key));
    } catch (error) {
      const xe = toXeroError(error);
      if (xe.status === 400 || xe.status === 404) {
        // Xero refused this one email (no address, not approved any more): the others still go.
        const xeroMessage = xe.messages.join(" ") || xe.message;
        const cause = causeOf(xeroMessage);
        await settleFailed(db, token, item, { code: cause, message: fixFor(cause, what, xeroMessage), xeroMessage });
        log.push({ orgId, recordType: "invoice", recordId: item.entityId, xeroId: invoiceId, direction: "push", operation: "email", result: "failed", message: `${target.number ?? "Invoice"} was not emailed: ${xeroMessage}`, trigger });
        failed++;
        continue;
      }
      // Nothing after this one was sent: back to the queue, as it was.
      for (const rest of sendable.slice(n + 1)) await returnToQueue(db, token, rest.item, { delayMs: 0, countAttempt: false });
      await logSync(db, log);
      return settleBatchError(db, token, [item], error, { recordType: "invoice_email", trigger, wrote: true });
    }
    await db.update(xeroInvoices).set({ sentToContact: true, sentAt: sql`coalesce(${xeroInvoices.sentAt}, now())` }).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, invoiceId)));
    await settleSynced(db, token, item, invoiceId);
    log.push({ orgId, recordType: "invoice", recordId: item.entityId, xeroId: invoiceId, direction: "push", operation: "email", result: "ok", message: `${target.number ?? "Invoice"} emailed to the customer by Xero.`, trigger });
    sent++;
  }
  await logSync(db, log);
  return { kind: "progress", sent, failed };
}

/** Each claimed deal's current invoice, as the mirror has it; a deal deleted meanwhile is missing. */
async function loadInvoices(db: Db, orgId: string, items: SyncItem[]) {
  const rows = await db
    .select({ dealId: deals.id, dealTitle: deals.title, invoiceId: deals.xeroInvoiceId, number: xeroInvoices.number, status: xeroInvoices.status, sent: xeroInvoices.sentToContact })
    .from(deals)
    .leftJoin(xeroInvoices, and(eq(xeroInvoices.orgId, deals.orgId), eq(xeroInvoices.xeroInvoiceId, deals.xeroInvoiceId)))
    .where(and(eq(deals.orgId, orgId), inArray(deals.id, items.map((i) => i.entityId))));
  return new Map(rows.map((r) => [r.dealId, { dealTitle: r.dealTitle, invoiceId: r.invoiceId ?? "", number: r.number, status: r.invoiceId ? r.status : null, sent: Boolean(r.sent) }]));
}
