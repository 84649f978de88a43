"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { paymentInput } from "@/lib/billing/payment-input";
import { recordPayment } from "@/lib/billing/record-payment";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { orgAction } from "@/lib/tenancy/org-action";
import { parseInput } from "@/lib/validation";

const paymentForm = z.object({
  invoiceId: z.uuid("That invoice was not found."),
  requestKey: z.uuid(),
  amount: z.string(),
  date: z.string().optional(),
  bankAccountCode: z.string().optional(),
  reference: z.string().optional(),
});

/** Record a payment (the deal and customer pages): sent to Xero at once, the balance shown after. */
export const recordPaymentAction = orgAction({ schema: paymentForm }, async (db, ctx, { invoiceId, requestKey, ...form }) => {
  // Empty form fields are "not given": the organisation's today, its default bank account.
  const given = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
  const outcome = await recordPayment(db, actorFromContext(ctx), invoiceId, parseInput(paymentInput, given), { requestKey });
  revalidatePath(`/o/${ctx.org.slug}`, "layout");
  const amount = outcome.payment.amount;
  if (outcome.status === "sent") return { ok: true, message: `Payment of ${amount} recorded in Xero (${outcome.payment.bankAccountCode}, ${outcome.payment.paidOn}).` };
  return { ok: true, message: `Xero has not answered yet: the payment of ${amount} goes out as soon as it does, once.` };
});
