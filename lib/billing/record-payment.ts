import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { organizations, portalPayments, syncItems, xeroInvoices, type PortalPayment } from "@/db/schema";
import { todayIn } from "@/lib/calendar";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { centsToString, formatMoney, toCents } from "@/lib/crm/money";
import { enqueueSync } from "@/lib/crm/outbox";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { outboxStateOf, pushRecordNow } from "@/lib/sync/outbox/push-now";
import { pushPaymentBatch } from "@/lib/sync/payments/push-payments";
import { can } from "@/lib/tenancy/roles";
import { requireBankAccount } from "./bank-accounts";
import { getInvoiceSettings } from "./invoice-settings";
import type { PaymentInput } from "./payment-input";



export type RecordedPayment = {
  payment: PortalPayment;
  /** sent: Xero has it; pending: Xero did not answer yet (it goes out by itself, once); failed: Xero refused it. */
  status: "sent" | "pending" | "failed";
  message: string | null;
  /** Why it failed (the sync's cause code). */
  cause?: string | null;
  /** The answer to an earlier request with the same key. */
  repeated?: boolean;
};

/**
 * Finance records a payment on a Xero invoice: checked first against what we can know (an approved
 * sales invoice of this organisation, an amount no more than what is still due after payments
 * already on their way, one of Xero's BANK accounts), then kept with its outbox row in one
 * transaction and sent at once. Two requests for the same invoice take turns on its row, so two
 * full payments never both pass the amount check.
 */
export async function recordPayment(db: Db, actor: CrmActor, invoiceId: string, input: PaymentInput, options: { requestKey?: string | null } = {}): Promise<RecordedPayment> {
  if (actor.role === "api" ? !actor.canWrite || !actor.canSeeAmounts : !can(actor.role, "payments:record") || !actor.canSeeAmounts) {
    throw forbidden(actor.role === "api" ? "Recording a payment needs an API key that can write and see amounts." : "Only owners, admins and finance can record payments.");
  }
  if (!z.uuid().safeParse(invoiceId).success) throw notFound("That invoice");
  const requestKey = options.requestKey?.trim() || null;
  if (requestKey && requestKey.length > 200) throw new AppError("validation", "Idempotency-Key: at most 200 characters.", [{ field: "Idempotency-Key", message: "Use a UUID or another value of at most 200 characters." }]);
  // A repeated request (a retry after a lost answer) answers the payment it made, never a second one.
  const repeated = requestKey ? await paymentByRequestKey(db, actor.orgId, requestKey) : null;
  if (repeated) return repeatedOutcome(db, actor.orgId, repeated, invoiceId, input);
  const settings = await getInvoiceSettings(db, actor.orgId);
  const bank = await requireBankAccount(db, actor.orgId, input.bankAccountCode || settings.defaultBankAccountCode);
  const [org] = await db.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, actor.orgId));
  const date = input.date ?? todayIn(org?.timezone ?? "UTC");

  const payment = await db.transaction(async (tx) => {
    const [invoice] = await tx
      .select()
      .from(xeroInvoices)
      .where(and(eq(xeroInvoices.orgId, actor.orgId), eq(xeroInvoices.id, invoiceId)))
      .for("update");
    if (!invoice || invoice.type !== "ACCREC") throw notFound("That invoice");
    const number = invoice.number ?? "This invoice";
    if (invoice.status === "PAID") throw new AppError("conflict", `${number} is already paid in Xero.`);
    if (invoice.status !== "AUTHORISED") throw new AppError("conflict", `${number} is ${invoice.status.toLowerCase()} in Xero: only an approved invoice takes payments. Approve it in Xero first.`);
    // Xero takes a payment into an account of the invoice's currency, or of the base currency (the bank amount converts).
    const [{ baseCurrency }] = await tx.select({ baseCurrency: organizations.baseCurrency }).from(organizations).where(eq(organizations.id, actor.orgId));
    if (bank.currency && bank.currency !== invoice.currency && bank.currency !== baseCurrency) {
      throw new AppError("validation", `Bank account ${bank.code} is in ${bank.currency} and ${number} in ${invoice.currency}: choose a bank account in ${invoice.currency} or ${baseCurrency}.`, [{ field: "bankAccountCode", message: `Choose a bank account in ${invoice.currency} or ${baseCurrency}.` }]);
    }
    // The same key at the same moment: the first request took this row's lock and made the payment.
    if (requestKey && (await paymentByRequestKey(tx, actor.orgId, requestKey))) return null;
    const [onTheWay] = await tx
      .select({ cents: sql<string>`coalesce(sum(${portalPayments.amount}), 0)::text` })
      .from(portalPayments)
      .innerJoin(syncItems, and(eq(syncItems.orgId, portalPayments.orgId), eq(syncItems.entityType, "payment"), eq(syncItems.entityId, portalPayments.id)))
      .where(and(eq(portalPayments.orgId, actor.orgId), eq(portalPayments.xeroInvoiceId, invoice.xeroInvoiceId), isNull(portalPayments.xeroPaymentId), sql`${syncItems.status} in ('pending', 'in_flight')`));
    const dueCents = toCents(invoice.amountDue) - toCents(onTheWay.cents);
    const amountCents = toCents(input.amount);
    if (amountCents > dueCents) {
      const due = formatMoney(centsToString(dueCents), invoice.currency);
      const waiting = toCents(onTheWay.cents) ? ` (after ${formatMoney(onTheWay.cents, invoice.currency)} already on its way to Xero)` : "";
      throw new AppError("validation", `The payment (${formatMoney(centsToString(amountCents), invoice.currency)}) is more than ${number} still owes: ${due}${waiting}.`, [
        { field: "amount", message: `At most ${due}${waiting}; this payment is ${formatMoney(centsToString(amountCents), invoice.currency)}.` },
      ]);
    }
    const [row] = await tx
      .insert(portalPayments)
      .values({ orgId: actor.orgId, xeroInvoiceId: invoice.xeroInvoiceId, amount: centsToString(amountCents), paidOn: date, bankAccountCode: bank.code, reference: input.reference || null, requestKey, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    // The same key at the same moment: the other request made it.
    if (!row) return null;
    await enqueueSync(tx, actor.orgId, "payment", row.id, "upsert", null, "manual");
    return row;
  });
  if (!payment) return repeatedOutcome(db, actor.orgId, (await paymentByRequestKey(db, actor.orgId, requestKey!))!, invoiceId, input);
  const outcome = await sendNow(db, actor.orgId, payment);
  if (outcome.status === "failed") await refusedAtEntry(db, actor.orgId, outcome);
  return outcome;
}

/**
 * Xero refused the payment while finance waited for it: nothing stays behind (a refused payment
 * left in the error log could be retried later beside the corrected one finance enters next), and
 * the refusal is the answer, naming the field where it is one.
 */
async function refusedAtEntry(db: Db, orgId: string, outcome: RecordedPayment): Promise<never> {
  await db.transaction(async (tx) => {
    await tx
      .update(syncItems)
      .set({ status: "skipped", lastErrorCode: "refused_at_entry", lastErrorMessage: `Refused by Xero when it was recorded, and not kept: ${outcome.message ?? ""}`.trim(), updatedAt: new Date() })
      .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "payment"), eq(syncItems.entityId, outcome.payment.id)));
    await tx.delete(portalPayments).where(and(eq(portalPayments.orgId, orgId), eq(portalPayments.id, outcome.payment.id)));
  });
  const field = outcome.cause === "bank_account_not_mapped" ? "bankAccountCode" : outcome.cause === "amount_mismatch" ? "amount" : null;
  const message = `Xero refused the payment: ${outcome.message ?? "no reason given"}`;
  throw new AppError("validation", message, field ? [{ field, message }] : []);
}

const paymentByRequestKey = async (db: Db, orgId: string, requestKey: string) =>
  (await db.select().from(portalPayments).where(and(eq(portalPayments.orgId, orgId), eq(portalPayments.requestKey, requestKey))))[0] ?? null;

/** The key's payment, when the request is the same one (same invoice and amount); another request under that key is refused. */
async function repeatedOutcome(db: Db, orgId: string, payment: PortalPayment, invoiceId: string, input: PaymentInput): Promise<RecordedPayment> {
  const [invoice] = await db.select({ xeroInvoiceId: xeroInvoices.xeroInvoiceId }).from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.id, invoiceId)));
  if (invoice?.xeroInvoiceId !== payment.xeroInvoiceId || toCents(payment.amount) !== toCents(input.amount)) {
    throw new AppError("validation", "Idempotency-Key: already used for a different payment. Use a new key for a new payment.", [{ field: "Idempotency-Key", message: "Already used for a different payment." }]);
  }
  // Not in Xero yet (the first request may be sending it right now): send it, or wait for whoever holds it.
  if (!payment.xeroPaymentId) await pushRecordNow(db, orgId, "payment", payment.id, pushPaymentBatch);
  return { ...(await paymentOutcome(db, orgId, payment.id)), repeated: true };
}

/** Sends the payment now (with the organisation's other waiting payments) and reports its outcome. */
async function sendNow(db: Db, orgId: string, payment: PortalPayment): Promise<RecordedPayment> {
  await pushRecordNow(db, orgId, "payment", payment.id, pushPaymentBatch);
  return paymentOutcome(db, orgId, payment.id);
}

/** Where a recorded payment stands, from its row and its newest outbox row. */
export async function paymentOutcome(db: Db, orgId: string, paymentId: string): Promise<RecordedPayment> {
  const [payment] = await db
    .select()
    .from(portalPayments)
    .where(and(eq(portalPayments.orgId, orgId), eq(portalPayments.id, paymentId)));
  if (!payment) throw notFound("That payment");
  if (payment.xeroPaymentId) return { payment, status: "sent", message: null };
  const row = await outboxStateOf(db, orgId, "payment", paymentId);
  if (row?.status === "failed" || row?.status === "skipped") return { payment, status: "failed", message: row.message, cause: row.cause };
  return { payment, status: "pending", message: row?.message ?? null };
}
