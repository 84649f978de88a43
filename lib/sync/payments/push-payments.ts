import { and, eq, inArray } from "drizzle-orm";
import type { Payment } from "xero-node";
import type { Db } from "@/db";
import { portalPayments, type PortalPayment, type SyncItem } from "@/db/schema";
import { getLogger } from "@/lib/log/logger";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { causeOf, fixFor } from "../causes";
import { mirrorInvoices } from "../invoices/mirror-invoices";
import { mirrorPayments } from "../invoices/mirror-payments";
import { settleBatchError, type PushOutcome } from "../outbox/batch-outcome";
import { claimDueItems, renewClaim } from "../outbox/claim-items";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import { settleFailed, settleSkipped, settleSynced } from "../outbox/settle-items";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { correlationIdOf, findPaymentsByMarker } from "../xero-reads";
import { paymentMarker, paymentReference } from "./payment-marker";

/** Payments a batch sends in one PUT /Payments (Xero takes about 50 elements comfortably). */
export const PAYMENT_BATCH = 50;

interface Sendable {
  item: SyncItem;
  payment: PortalPayment;
}

/**
 * One batch of payments recorded in the portal, to Xero: claimed through the outbox, sent in one
 * PUT /Payments under an Idempotency-Key, each element settled on its own row; then the invoices
 * they paid are read back in one call, so their balance (and PAID) shows at once. A payment whose
 * answer was lost is looked up by the marker in its Reference before it is sent again: Xero keeps
 * a key's answer only for minutes, and a second payment would be money counted twice.
 */
export async function pushPaymentBatch(db: Db, orgId: string, trigger: SyncTrigger): Promise<PushOutcome> {
  const claim = await claimDueItems(db, orgId, "payment", PAYMENT_BATCH);
  if (!claim.items.length) return { kind: "idle" };
  const { token, items } = claim;
  const found = await db
    .select()
    .from(portalPayments)
    .where(and(eq(portalPayments.orgId, orgId), inArray(portalPayments.id, items.map((i) => i.entityId))));
  const byId = new Map(found.map((p) => [p.id, p]));
  let sendable: Sendable[] = [];
  for (const item of items) {
    const payment = byId.get(item.entityId);
    if (!payment) await settleSkipped(db, token, item, { code: "deleted", message: "The payment was removed before it reached Xero." });
    else if (payment.xeroPaymentId) await settleSynced(db, token, item, payment.xeroPaymentId);
    else sendable.push({ item, payment });
  }
  if (!sendable.length) return { kind: "progress", sent: 0, failed: 0 };

  const log: SyncLogInput[] = [];
  let sent = 0;
  try {
    // A write that may have landed: find what it made by its marker before sending it again.
    const uncertain = sendable.filter((s) => s.item.uncertain);
    if (uncertain.length) {
      const landed = await findPaymentsByMarker(db, orgId, uncertain.map((s) => paymentMarker(s.payment.id)));
      if (landed.payments.length) {
        // Something was found, so a call answered and named its books.
        await writeForXeroTenant(db, orgId, landed.xeroTenantId!, async (tx) => {
          for (const s of uncertain) {
            const match = landed.payments.find((p) => p.reference?.includes(paymentMarker(s.payment.id)));
            if (!match?.paymentID) continue;
            await recordSent(tx, orgId, token, s, match);
            log.push({ orgId, recordType: "payment", recordId: s.payment.id, xeroId: match.paymentID, direction: "push", operation: "create", result: "ok", message: "Found in Xero: the earlier attempt had reached it.", trigger });
            sent++;
          }
        });
        const done = new Set(landed.payments.map((p) => p.reference ?? ""));
        sendable = sendable.filter((s) => ![...done].some((r) => r.includes(paymentMarker(s.payment.id))));
      }
    }
    const held = await renewClaim(db, token, sendable.map((s) => s.item));
    sendable = sendable.filter((s) => held.has(s.item.id));
    if (!sendable.length) {
      await logSync(db, log);
      return { kind: "progress", sent, failed: 0 };
    }
    const payload: Payment[] = sendable.map(({ payment }) => ({
      invoice: { invoiceID: payment.xeroInvoiceId },
      account: { code: payment.bankAccountCode },
      date: payment.paidOn,
      // Exact: a 2 dp decimal string read as a number serialises back to the same digits.
      amount: Number(payment.amount),
      reference: paymentReference(payment.id, payment.reference),
    }));
    const key = idempotencyKeyFor(orgId, "payments", sendable.map((s) => s.item), payload);
    const answer = await callXero(db, orgId, { method: "PUT", path: "/Payments" }, (xero, tenantId) => xero.accountingApi.createPayments(tenantId, { payments: payload }, false, key));
    const correlationId = correlationIdOf(answer);
    const results = answer.body.payments ?? [];
    let failed = 0;
    const settled: SyncLogInput[] = [];
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      for (const [i, s] of sendable.entries()) {
        const result = results[i];
        const errors = (result?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean);
        if (result?.paymentID && !result.hasValidationErrors && !errors.length) {
          await recordSent(tx, orgId, token, s, result);
          settled.push({ orgId, recordType: "payment", recordId: s.payment.id, xeroId: result.paymentID, direction: "push", operation: "create", result: "ok", correlationId, trigger });
          sent++;
          continue;
        }
        const xeroMessage = errors.join(" ") || "Xero did not return this payment.";
        const cause = causeOf(xeroMessage, "payment");
        await settleFailed(tx, token, s.item, { code: cause, message: fixFor(cause, `the payment of ${s.payment.amount} on ${s.payment.paidOn}`, xeroMessage), xeroMessage });
        settled.push({ orgId, recordType: "payment", recordId: s.payment.id, direction: "push", operation: "create", result: "failed", message: xeroMessage, correlationId, trigger });
        failed++;
      }
    });
    log.push(...settled);
    await logSync(db, log);
    if (sent) await refreshInvoices(db, orgId, sendable.map((s) => s.payment.xeroInvoiceId), trigger);
    return { kind: "progress", sent, failed };
  } catch (error) {
    await logSync(db, log);
    return settleBatchError(db, token, sendable.map((s) => s.item), error, { recordType: "payment", trigger, wrote: true });
  }
}

async function recordSent(tx: Db, orgId: string, token: string, s: Sendable, result: Payment) {
  await tx.update(portalPayments).set({ xeroPaymentId: result.paymentID! }).where(and(eq(portalPayments.orgId, orgId), eq(portalPayments.id, s.payment.id)));
  // Xero's answer may leave out the invoice's own id on the payment: it is the one we paid.
  await mirrorPayments(tx, orgId, [{ ...result, invoice: { ...result.invoice, invoiceID: result.invoice?.invoiceID ?? s.payment.xeroInvoiceId } }]);
  await settleSynced(tx, token, s.item, result.paymentID!);
}

/**
 * The paid invoices as Xero has them now (amount due, PAID): one call for the batch. A failure here
 * loses nothing (the payments are recorded; the webhook or the next pull brings the balance), so it
 * is logged, not thrown.
 */
async function refreshInvoices(db: Db, orgId: string, xeroInvoiceIds: string[], trigger: SyncTrigger) {
  const ids = [...new Set(xeroInvoiceIds)];
  try {
    const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?IDs" }, (x, t) => x.accountingApi.getInvoices(t, undefined, undefined, undefined, ids, undefined, undefined, undefined, 1, undefined, undefined, 4));
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, (tx) => mirrorInvoices(tx, orgId, answer.body.invoices ?? [], trigger));
  } catch (error) {
    getLogger().warn({ err: error, orgId, invoices: ids.length }, "paid invoices not read back; the next pull brings their balance");
  }
}
