import { randomUUID } from "node:crypto";
import { allocationRefusal, applyCashAllocation } from "../accounting/cash-credit-allocation";
import { documentRate } from "../accounting/currency-rate";
import { MSG } from "../accounting/errors";
import { parseDateInput, round2 } from "../accounting/format";
import type { Sandbox } from "../sandbox";
import type { Organisation } from "../store/organisation";
import type { CashCreditRec } from "../store/types";
import { bankAccount } from "./bank-transactions";
import { ControlError } from "./control";

export interface CashCreditInput {
  contactId: string;
  amount: number;
  kind: CashCreditRec["Kind"];
  date?: string;
  currencyCode?: string;
  currencyRate?: number;
  reference?: string;
  /** The bank account the cash arrived in: 090 unless told. */
  bankAccountCode?: string;
  /** Spend (part of) the credit on this AUTHORISED invoice of the same contact at once. */
  invoiceId?: string;
  allocate?: number;
}

/**
 * The accountant records cash received from a customer beyond (overpayment) or ahead of
 * (prepayment) an invoice. At Xero this is a RECEIVE-OVERPAYMENT or RECEIVE-PREPAYMENT bank
 * transaction; the sandbox keeps the credit it leaves behind, which is what the API reads, and the
 * bank account the cash arrived in, which the bank reports count.
 */
export function recordCashCredit(sandbox: Sandbox, org: Organisation, input: CashCreditInput): CashCreditRec {
  const contact = org.contacts.get(input.contactId);
  if (!contact) throw new ControlError(404, MSG.contactNotFound);
  const amount = round2(input.amount);
  if (!(amount > 0)) throw new ControlError(400, MSG.creditAmount);
  const currency = (input.currencyCode ?? org.profile.baseCurrency).toUpperCase();
  if (!org.hasCurrency(currency)) throw new ControlError(400, MSG.currency(currency));
  const date = input.date ? parseDateInput(input.date) : sandbox.clock.today();
  if (!date) throw new ControlError(400, "date must be YYYY-MM-DD");
  // Units of the foreign currency per base unit, as Xero keeps it: the one given, else the day's; the base currency is 1.
  const rateErrors: string[] = [];
  const rate = documentRate(org, currency, date, input.currencyRate, rateErrors);
  if (rateErrors.length) throw new ControlError(400, rateErrors[0]);
  const bank = bankAccount(org, input.bankAccountCode);
  const credit: CashCreditRec = {
    ID: randomUUID(),
    Kind: input.kind,
    ContactID: contact.ContactID,
    Date: date,
    Status: "AUTHORISED",
    LineAmountTypes: "NoTax",
    LineItems: [{ LineItemID: randomUUID(), Description: input.kind === "overpayment" ? "Overpayment" : "Prepayment", Quantity: 1, UnitAmount: amount, TaxType: "NONE", TaxAmount: 0, LineAmount: amount }],
    SubTotal: amount,
    TotalTax: 0,
    Total: amount,
    RemainingCredit: amount,
    Allocations: [],
    CurrencyCode: currency,
    CurrencyRate: rate,
    Reference: input.reference,
    BankAccountID: bank.AccountID,
    UpdatedDateUTC: sandbox.clock.now(),
  };
  if (input.invoiceId) {
    // Checked before anything is stored: a refused allocation leaves no credit behind.
    const refusal = allocationRefusal(org, credit, input.invoiceId, round2(input.allocate ?? amount));
    if (refusal) throw new ControlError(409, refusal);
  }
  (input.kind === "overpayment" ? org.overpayments : org.prepayments).put(credit);
  if (input.invoiceId) applyCashAllocation(sandbox, org, credit, org.invoices.get(input.invoiceId)!.InvoiceID, round2(input.allocate ?? amount), date);
  sandbox.changed();
  return credit;
}

/** Spends part (or the rest) of an overpayment's or prepayment's credit on an invoice. */
export function allocateCashCredit(sandbox: Sandbox, org: Organisation, creditId: string, input: { invoiceId: string; amount?: number; date?: string }): CashCreditRec {
  const credit = org.overpayments.get(creditId) ?? org.prepayments.get(creditId);
  if (!credit) throw new ControlError(404, `No overpayment or prepayment ${creditId}`);
  const amount = round2(input.amount ?? credit.RemainingCredit);
  const refusal = allocationRefusal(org, credit, input.invoiceId, amount);
  if (refusal) throw new ControlError(409, refusal);
  applyCashAllocation(sandbox, org, credit, org.invoices.get(input.invoiceId)!.InvoiceID, amount, (input.date && parseDateInput(input.date)) || sandbox.clock.today());
  sandbox.changed();
  return credit;
}
