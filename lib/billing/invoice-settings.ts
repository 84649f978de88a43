import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { invoiceSettings, type InvoiceSettings, type PipelineStage, type TaxRule } from "@/db/schema";
import { requireBankAccount } from "./bank-accounts";

/** What an organisation without a settings row gets: invoice on win, as a draft, not sent. */
export function defaultInvoiceSettings(orgId: string): InvoiceSettings {
  return { orgId, invoiceOnWin: true, triggerStageId: null, status: "DRAFT", sendToCustomer: false, sendByLedgerbridge: false, reminderDaysBefore: null, reminderOnDueDate: false, reminderEveryDaysOverdue: null, defaultSalesAccountCode: null, defaultTaxType: null, taxRules: [], paymentTermDays: null, defaultBankAccountCode: null, quoteStatus: "SENT", updatedAt: new Date(0) };
}

export async function getInvoiceSettings(db: Db, orgId: string): Promise<InvoiceSettings> {
  const [row] = await db.select().from(invoiceSettings).where(eq(invoiceSettings.orgId, orgId));
  return row ?? defaultInvoiceSettings(orgId);
}

/** The stage at which a deal becomes an invoice: the chosen one, or any Won stage. */
export function isInvoiceTrigger(settings: Pick<InvoiceSettings, "triggerStageId">, stage: Pick<PipelineStage, "id" | "kind">): boolean {
  return settings.triggerStageId ? stage.id === settings.triggerStageId : stage.kind === "won";
}

/**
 * The Xero tax type for a customer: the most specific rule for its country and region, then the
 * organisation's default; null lets Xero (or the item) decide.
 */
export function taxTypeFor(settings: Pick<InvoiceSettings, "taxRules" | "defaultTaxType">, customer: { country: string | null; region: string | null }): string | null {
  const country = customer.country?.toUpperCase() ?? null;
  const region = customer.region?.trim().toLowerCase() ?? null;
  const rules = settings.taxRules.filter((r) => r.country.toUpperCase() === country);
  return rules.find((r) => r.region && region && r.region.trim().toLowerCase() === region)?.taxType ?? rules.find((r) => !r.region)?.taxType ?? settings.defaultTaxType ?? null;
}

const code = (label: string, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v), z.string().max(max, `${label} can be at most ${max} characters.`).nullable());

export const taxRuleInput = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter country code, such as US or GB."),
  region: code("Region", 100),
  taxType: z.string().trim().min(1, "Choose a Xero tax rate.").max(50),
});

export const invoiceSettingsInput = z.object({
  invoiceOnWin: z.boolean(),
  triggerStageId: z.uuid("Choose a pipeline stage.").nullable(),
  status: z.enum(["DRAFT", "AUTHORISED"], { error: "Choose draft or approved." }),
  sendToCustomer: z.boolean(),
  /** Left out: unchanged. */
  sendByLedgerbridge: z.boolean().optional(),
  /** Left out: unchanged; null: off. */
  reminderDaysBefore: z.number().int("Use whole days.").min(1, "Remind at least 1 day before.").max(60, "Remind at most 60 days before.").nullable().optional(),
  reminderOnDueDate: z.boolean().optional(),
  reminderEveryDaysOverdue: z.number().int("Use whole days.").min(1, "Remind every 1 day or more.").max(90, "Remind at least every 90 days.").nullable().optional(),
  defaultSalesAccountCode: code("Default sales account", 10),
  defaultTaxType: code("Default tax rate", 50),
  taxRules: z.array(taxRuleInput).max(200, "At most 200 tax rules."),
  paymentTermDays: z.number().int("Use whole days.").min(0, "Payment terms cannot be negative.").max(365, "Use at most 365 days.").nullable(),
  /** Left out: unchanged. */
  defaultBankAccountCode: code("Default bank account", 10).optional(),
  /** Left out: unchanged. */
  quoteStatus: z.enum(["DRAFT", "SENT"], { error: "Choose draft or sent." }).optional(),
});
export type InvoiceSettingsInput = z.infer<typeof invoiceSettingsInput>;

export async function saveInvoiceSettings(db: Db, orgId: string, input: InvoiceSettingsInput): Promise<InvoiceSettings> {
  // A default that is not one of Xero's bank accounts would fail every payment recorded without one.
  if (input.defaultBankAccountCode) input = { ...input, defaultBankAccountCode: (await requireBankAccount(db, orgId, input.defaultBankAccountCode, "defaultBankAccountCode")).code };
  const values = { ...input, taxRules: input.taxRules as TaxRule[], updatedAt: new Date() };
  const [row] = await db
    .insert(invoiceSettings)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: invoiceSettings.orgId, set: values })
    .returning();
  return row;
}
