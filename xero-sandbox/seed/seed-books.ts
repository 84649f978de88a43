import { randomUUID } from "node:crypto";
import type { Organisation } from "../store/organisation";
import type { InvoiceStatus, LineAmountTypes } from "../store/types";
import { addDays, round2 } from "../accounting/format";
import { dayRate } from "../accounting/currency-rate";
import { buildLines, totals } from "../accounting/lines";

/** Writes records straight into an organisation's books (no HTTP, no webhooks): for seeding only. */

export interface SeedLine {
  itemCode?: string;
  description?: string;
  quantity: number;
  unitAmount?: number;
  accountCode?: string;
  taxType?: string;
}

export function seedInvoice(
  org: Organisation,
  at: number,
  input: { contactId: string; date: string; dueDays?: number; status: InvoiceStatus; lines: SeedLine[]; currency?: string; amountTypes?: LineAmountTypes; reference?: string; sent?: boolean },
) {
  const amountTypes = input.amountTypes ?? "Exclusive";
  const errors: string[] = [];
  const lines = buildLines(
    org,
    input.lines.map((l) => ({ ItemCode: l.itemCode, Description: l.description, Quantity: l.quantity, UnitAmount: l.unitAmount, AccountCode: l.accountCode, TaxType: l.taxType })),
    amountTypes,
    { strict: input.status !== "DRAFT", sales: true },
    errors,
  );
  if (errors.length) throw new Error(`Seed invoice is invalid: ${errors.join("; ")}`);
  const sums = totals(lines, amountTypes);
  const currency = input.currency ?? org.profile.baseCurrency;
  const inv = org.invoices.put({
    InvoiceID: randomUUID(),
    Type: "ACCREC",
    ContactID: input.contactId,
    InvoiceNumber: org.nextInvoiceNumber(),
    Reference: input.reference,
    Date: input.date,
    DueDate: addDays(input.date, input.dueDays ?? 30),
    LineAmountTypes: amountTypes,
    Status: input.status,
    SentToContact: input.sent ?? input.status !== "DRAFT",
    CurrencyCode: currency,
    CurrencyRate: dayRate(org, currency, input.date),
    ...sums,
    AmountPaid: 0,
    AmountCredited: 0,
    AmountDue: input.status === "VOIDED" || input.status === "DELETED" ? 0 : sums.Total,
    LineItems: lines,
    UpdatedDateUTC: at,
    History: [{ Changes: "Created", DateUTC: at, User: "Demo Seed", Details: "Seeded invoice" }],
  });
  return inv;
}

export function seedPayment(org: Organisation, at: number, invoiceId: string, amount: number, date: string, accountCode = "090", reconciled = false) {
  const inv = org.invoices.get(invoiceId)!;
  const account = org.accountByCode(accountCode)!;
  org.payments.put({ PaymentID: randomUUID(), InvoiceID: invoiceId, AccountID: account.AccountID, Date: date, Amount: round2(amount), CurrencyRate: dayRate(org, inv.CurrencyCode, date), IsReconciled: reconciled, Status: "AUTHORISED", PaymentType: "ACCRECPAYMENT", UpdatedDateUTC: at });
  inv.AmountPaid = round2(inv.AmountPaid + amount);
  inv.AmountDue = round2(inv.Total - inv.AmountPaid);
  if (inv.AmountDue <= 0) {
    inv.Status = "PAID";
    inv.FullyPaidOnDate = date;
  }
  inv.UpdatedDateUTC = at;
  org.invoices.touched();
}

/** A small deterministic random source, so a demo looks the same on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
