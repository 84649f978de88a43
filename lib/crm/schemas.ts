import { z } from "zod";
import {
  countryCode,
  currencyCode,
  flag,
  isoDate,
  money,
  optionalCurrency,
  optionalDate,
  optionalEmail,
  optionalInt,
  optionalText,
  optionalUuid,
  percent,
  positiveQuantity,
  requiredText,
  tagList,
} from "./field-schemas";
import { jsonField } from "./json-field";

/** The zod schemas of the CRM, shared by forms, server actions, the tenant API and CSV import. */
export const customerInput = z.object({
  kind: z.enum(["company", "person"], { error: "Kind must be company or person." }).optional(),
  name: requiredText(200, "Name"),
  email: optionalEmail,
  phone: optionalText(50, "Phone"),
  addressLine1: optionalText(200, "Address line 1"),
  addressLine2: optionalText(200, "Address line 2"),
  city: optionalText(100, "City"),
  region: optionalText(100, "Region"),
  postalCode: optionalText(20, "Postal code"),
  country: countryCode,
  leadSource: optionalText(100, "Lead source"),
  ownerId: optionalUuid("Owner"),
  paymentTermDays: optionalInt("Payment terms (days)", 0, 365),
  currency: optionalCurrency,
  taxNumber: optionalText(50, "Tax number"),
  tags: tagList,
  notes: optionalText(5000, "Notes"),
  /** Payment reminders never go to this customer. */
  // A form sends "false" and, when ticked, "true" after it (the last wins); the API a boolean.
  noReminders: z.preprocess((v) => {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    return last === "true" || last === "on" ? true : last === "false" || last === "" ? false : last;
  }, z.boolean({ error: "noReminders must be true or false." })).optional(),
  externalId: optionalText(100, "External id"),
});
export type CustomerInput = z.infer<typeof customerInput>;
export const customerPatch = customerInput.partial();

export const productInput = z.object({
  code: z
    .string({ error: "Code is required." })
    .trim()
    .min(1, "Code is required.")
    .max(30, "Code can be at most 30 characters (Xero's item code limit).")
    .regex(/^[A-Za-z0-9._\-/]+$/, "Code may use letters, digits and . _ - / only."),
  name: requiredText(50, "Name").describe("Xero item names are at most 50 characters"),
  description: optionalText(4000, "Description"),
  unitPrice: money("Unit price"),
  currency: currencyCode.optional(),
  tracksInventory: flag.optional(),
  lowStockThreshold: optionalInt("Low-stock threshold", 0, 1_000_000),
  xeroItemCode: optionalText(30, "Xero item code"),
  salesAccountCode: optionalText(10, "Sales account code"),
  taxType: optionalText(50, "Tax type"),
});
export type ProductInput = z.infer<typeof productInput>;
export const productPatch = productInput.partial();

export const lineInput = z.object({
  productId: optionalUuid("Product"),
  description: optionalText(4000, "Description"),
  quantity: positiveQuantity,
  /** Left out: the product's price. */
  unitPrice: money("Unit price").optional(),
  discountPercent: percent.optional(),
});
export type LineInput = z.infer<typeof lineInput>;

export const dealInput = z.object({
  title: requiredText(200, "Title"),
  customerId: z.uuid("Choose a customer."),
  ownerId: optionalUuid("Owner"),
  stageId: optionalUuid("Stage"),
  currency: optionalCurrency,
  expectedCloseDate: optionalDate("Expected close date"),
  lostReason: optionalText(500, "Lost reason"),
  externalId: optionalText(100, "External id"),
  lines: z.array(lineInput).max(200, "A deal can have at most 200 lines.").optional(),
});
export type DealInput = z.infer<typeof dealInput>;
export const dealPatch = dealInput.partial();

const subscriptionFields = z.object({
  customerId: z.uuid("Choose a customer."),
  interval: z.enum(["weekly", "monthly", "quarterly", "yearly"], { error: "Interval must be weekly, monthly, quarterly or yearly." }),
  startDate: isoDate("Start date"),
  endDate: optionalDate("End date"),
  status: z.enum(["active", "paused", "cancelled", "ended"], { error: "Status must be active, paused, cancelled or ended." }).optional(),
  nextBillingDate: optionalDate("Next billing date"),
  currency: optionalCurrency,
  externalId: optionalText(100, "External id"),
  lines: z.array(lineInput).min(1, "Add at least one product line.").max(200, "At most 200 lines."),
});
const endAfterStart = <T extends { startDate: string; endDate?: string | null }>(s: T) => !s.endDate || s.endDate >= s.startDate;
const endAfterStartIssue = { path: ["endDate"], message: "End date must be on or after the start date." };

export const subscriptionInput = subscriptionFields.refine(endAfterStart, endAfterStartIssue);
/** The API's PATCH: lines left out keep the stored ones (and their prices), so a key without amounts can still change the status. */
export const subscriptionUpdate = subscriptionFields.extend({ lines: subscriptionFields.shape.lines.optional() }).refine(endAfterStart, endAfterStartIssue);
/** The portal form: the line editor sends its rows as one JSON field. */
export const subscriptionForm = subscriptionFields
  .extend({ id: z.uuid().optional(), lines: jsonField(subscriptionFields.shape.lines, "Lines") })
  .refine(endAfterStart, endAfterStartIssue);
export type SubscriptionInput = z.infer<typeof subscriptionInput>;
export type SubscriptionUpdate = z.infer<typeof subscriptionUpdate>;

export const marketingSpendInput = z.object({
  leadSource: requiredText(100, "Lead source"),
  month: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}$/, "Month must look like 2026-11."),
  amount: money("Amount"),
  currency: optionalCurrency,
});
