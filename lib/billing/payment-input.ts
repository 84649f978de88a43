import { z } from "zod";
import { isCalendarDay } from "@/lib/calendar";
import { money } from "@/lib/crm/field-schemas";

/** A payment on an invoice, as the portal's form and POST /api/v1/invoices/{id}/payments send it. */
export const paymentInput = z.strictObject(
  {
    amount: money("amount").refine((n) => n > 0, "amount must be more than 0."),
    date: z
      .string({ error: "date must be a day written like 2026-12-03." })
      .refine(isCalendarDay, "date must be a day written like 2026-12-03.")
      .optional(),
    bankAccountCode: z.string({ error: "bankAccountCode must be the code of a Xero bank account, like 090." }).trim().max(10, "bankAccountCode can be at most 10 characters.").optional(),
    reference: z.string({ error: "reference must be text." }).trim().max(200, "reference can be at most 200 characters.").optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `Unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}: a payment takes amount, date, bankAccountCode and reference.` : 'Send a JSON object like {"amount": "120.00", "date": "2026-12-03", "bankAccountCode": "090"}.',
  },
);
export type PaymentInput = z.infer<typeof paymentInput>;
