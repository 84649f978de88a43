import type { Organisation } from "../store/organisation";
import type { LineAmountTypes, LineItemRec } from "../store/types";
import { baseCents, cents, centsToBase } from "./base-amount";

/**
 * The figures Xero's reports are made of, from the organisation's own documents, in whole cents of
 * the base currency. A foreign document converts at its own CurrencyRate (base = amount / rate),
 * rounded to the cent once per document (per document and account where a report splits by account).
 */

/** Account code -> cents. */
export type ByAccount = Map<string, number>;

interface Lined {
  Date: string;
  LineAmountTypes: LineAmountTypes;
  LineItems: LineItemRec[];
  CurrencyRate?: number;
}

const LIVE = new Set(["AUTHORISED", "PAID"]);
const within = (date: string, from: string, to: string) => date >= from && date <= to;

/** Adds one document's net line amounts (tax excluded) per account, converted once per account. */
function addLines(sums: ByAccount, doc: Lined, sign: 1 | -1): void {
  const own = new Map<string, number>();
  for (const l of doc.LineItems) {
    const net = cents(l.LineAmount) - (doc.LineAmountTypes === "Inclusive" ? cents(l.TaxAmount) : 0);
    own.set(l.AccountCode ?? "", (own.get(l.AccountCode ?? "") ?? 0) + net);
  }
  for (const [code, c] of own) sums.set(code, (sums.get(code) ?? 0) + sign * centsToBase(c, doc.CurrencyRate ?? 1));
}

/** Sales invoices, less sales credit notes, plus money received straight into the bank, by account. */
export function incomeByAccount(org: Organisation, from: string, to: string): ByAccount {
  const sums: ByAccount = new Map();
  for (const inv of org.invoices.values()) if (inv.Type === "ACCREC" && LIVE.has(inv.Status) && within(inv.Date, from, to)) addLines(sums, inv, 1);
  for (const cn of org.creditNotes.values()) if (LIVE.has(cn.Status) && within(cn.Date, from, to)) addLines(sums, cn, -1);
  // Bank transactions are in their bank account's currency, the base one here.
  for (const b of org.bankTransactions.values()) if (b.Type === "RECEIVE" && b.Status === "AUTHORISED" && within(b.Date, from, to)) addLines(sums, b, 1);
  return sums;
}

/** Bills plus money spent straight from the bank, by account. */
export function expensesByAccount(org: Organisation, from: string, to: string): ByAccount {
  const sums: ByAccount = new Map();
  for (const inv of org.invoices.values()) if (inv.Type === "ACCPAY" && LIVE.has(inv.Status) && within(inv.Date, from, to)) addLines(sums, inv, 1);
  for (const b of org.bankTransactions.values()) if (b.Type === "SPEND" && b.Status === "AUTHORISED" && within(b.Date, from, to)) addLines(sums, b, 1);
  return sums;
}

/**
 * Cash into and out of one bank account in a period: payments (their own rate: what reached the
 * account), bank transactions, and the cash behind overpayments and prepayments.
 */
export function bankMovement(org: Organisation, accountId: string, from: string, to: string): { received: number; spent: number } {
  let received = 0;
  let spent = 0;
  for (const p of org.payments.values()) {
    if (p.Status !== "AUTHORISED" || p.AccountID !== accountId || !within(p.Date, from, to)) continue;
    if (p.PaymentType === "ACCRECPAYMENT") received += baseCents(p.Amount, p.CurrencyRate);
    else spent += baseCents(p.Amount, p.CurrencyRate);
  }
  for (const b of org.bankTransactions.values()) {
    if (b.Status !== "AUTHORISED" || b.BankAccountID !== accountId || !within(b.Date, from, to)) continue;
    if (b.Type === "RECEIVE") received += cents(b.Total);
    else spent += cents(b.Total);
  }
  for (const c of [...org.overpayments.values(), ...org.prepayments.values()]) {
    if (c.Status !== "VOIDED" && c.BankAccountID === accountId && within(c.Date, from, to)) received += baseCents(c.Total, c.CurrencyRate);
  }
  return { received, spent };
}

/**
 * What customers owe as at a date: AmountDue of approved sales invoices, less the credit they hold
 * unallocated (credit notes, overpayments, prepayments: RemainingCredit), each in base at its own
 * rate. Documents dated after `asOf` are left out; the balances are today's (no history of them).
 */
export function receivables(org: Organisation, asOf: string): number {
  let owed = 0;
  for (const inv of org.invoices.values()) if (inv.Type === "ACCREC" && inv.Status === "AUTHORISED" && inv.Date <= asOf) owed += baseCents(inv.AmountDue, inv.CurrencyRate);
  for (const c of [...org.creditNotes.values(), ...org.overpayments.values(), ...org.prepayments.values()]) {
    if (c.Status === "AUTHORISED" && c.Date <= asOf) owed -= baseCents(c.RemainingCredit, c.CurrencyRate);
  }
  return owed;
}

/** What the organisation owes its suppliers as at a date: AmountDue of approved bills, in base. */
export function payables(org: Organisation, asOf: string): number {
  let owed = 0;
  for (const inv of org.invoices.values()) if (inv.Type === "ACCPAY" && inv.Status === "AUTHORISED" && inv.Date <= asOf) owed += baseCents(inv.AmountDue, inv.CurrencyRate);
  return owed;
}
