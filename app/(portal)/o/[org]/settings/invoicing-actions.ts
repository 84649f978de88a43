"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { invoiceSettingsInput, saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { sendPaymentReminders } from "@/lib/billing/payment-reminders";
import { todayIn } from "@/lib/calendar";
import { jsonField } from "@/lib/crm/json-field";
import { getStage } from "@/lib/crm/pipeline-stages";
import { orgAction } from "@/lib/tenancy/org-action";

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** The Invoicing form as submitted (check boxes, selects, the tax rules as one JSON field) to the settings schema. */
const invoicingForm = z
  .object({
    invoiceOnWin: z.string().optional(),
    sendToCustomer: z.string().optional(),
    sendByLedgerbridge: z.string().optional(),
    reminderDaysBefore: z.preprocess(blankToNull, z.string().regex(/^\d{1,2}$/, "Use a whole number of days, like 3.").nullable()),
    reminderOnDueDate: z.string().optional(),
    reminderEveryDaysOverdue: z.preprocess(blankToNull, z.string().regex(/^\d{1,2}$/, "Use a whole number of days, like 7.").nullable()),
    triggerStageId: z.preprocess(blankToNull, z.uuid("Choose a pipeline stage.").nullable()),
    status: z.string(),
    defaultSalesAccountCode: z.string().optional(),
    defaultTaxType: z.string().optional(),
    defaultBankAccountCode: z.string().optional(),
    quoteStatus: z.string().optional(),
    paymentTermDays: z.preprocess(blankToNull, z.string().regex(/^\d{1,3}$/, "Use a whole number of days, like 30.").nullable()),
    taxRules: jsonField(z.array(z.unknown()), "Tax rules"),
  })
  .transform((f): Record<string, unknown> => ({
    invoiceOnWin: f.invoiceOnWin === "on",
    sendToCustomer: f.sendToCustomer === "on",
    sendByLedgerbridge: f.sendByLedgerbridge === "on",
    reminderDaysBefore: f.reminderDaysBefore === null ? null : Number(f.reminderDaysBefore),
    reminderOnDueDate: f.reminderOnDueDate === "on",
    reminderEveryDaysOverdue: f.reminderEveryDaysOverdue === null ? null : Number(f.reminderEveryDaysOverdue),
    triggerStageId: f.triggerStageId,
    status: f.status,
    defaultSalesAccountCode: f.defaultSalesAccountCode ?? null,
    defaultTaxType: f.defaultTaxType ?? null,
    // Absent when the form had no bank accounts to offer: the saved default stays.
    defaultBankAccountCode: f.defaultBankAccountCode,
    quoteStatus: f.quoteStatus,
    paymentTermDays: f.paymentTermDays === null ? null : Number(f.paymentTermDays),
    taxRules: f.taxRules,
  }))
  .pipe(invoiceSettingsInput);

export const saveInvoicingAction = orgAction({ permission: "xero:manage", schema: invoicingForm }, async (db, ctx, input) => {
  // The stage must be one of this organisation's (getStage answers a validation error otherwise).
  if (input.triggerStageId) await getStage(db, ctx.org.id, input.triggerStageId);
  await saveInvoiceSettings(db, ctx.org.id, input);
  revalidatePath(`/o/${ctx.org.slug}/settings/invoicing`);
  return { ok: true, message: "Invoicing settings saved. They apply to the next deal that is won." };
});

/** "Send reminders now": today's reminders at once (the job also runs daily); nothing is sent twice. */
export const sendRemindersNowAction = orgAction({ permission: "xero:manage", schema: z.object({}) }, async (db, ctx) => {
  const run = await sendPaymentReminders(db, ctx.org.id, todayIn(ctx.org.timezone));
  if (run.note) return { ok: false, error: run.note };
  return { ok: true, message: `${run.sent} reminder${run.sent === 1 ? "" : "s"} sent${run.settledMeanwhile ? `; ${run.settledMeanwhile} invoice${run.settledMeanwhile === 1 ? " was" : "s were"} paid or voided meanwhile` : ""}.` };
});
