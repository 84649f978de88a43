import { randomUUID } from "node:crypto";
import { MSG } from "../accounting/errors";
import { parseDateInput, round2 } from "../accounting/format";
import type { Sandbox } from "../sandbox";
import type { Organisation } from "../store/organisation";
import type { AccountRec, BankTransactionRec } from "../store/types";
import { ControlError } from "./control";

export interface BankTransactionInput {
  type: BankTransactionRec["Type"];
  amount: number;
  /** The income or expense account the money is coded to (not a bank account). */
  accountCode: string;
  bankAccountCode?: string;
  date?: string;
  reference?: string;
  contactId?: string;
}

/** A bank account of the organisation by code (090 unless told): where cash comes in or goes out. */
export function bankAccount(org: Organisation, code = "090"): AccountRec {
  const account = org.accountByCode(code);
  if (!account || account.Type !== "BANK") throw new ControlError(400, `No bank account ${code}`);
  return account;
}

/**
 * The accountant codes money spent or received straight from the bank feed (rent, interest): a
 * SPEND or RECEIVE bank transaction without tax, in the base currency (the sandbox's bank accounts
 * are). Xero has no webhook for bank transactions, so none is sent.
 */
export function recordBankTransaction(sandbox: Sandbox, org: Organisation, input: BankTransactionInput): BankTransactionRec {
  if (input.type !== "SPEND" && input.type !== "RECEIVE") throw new ControlError(400, 'type must be "SPEND" or "RECEIVE"');
  const amount = round2(input.amount);
  if (!(amount > 0)) throw new ControlError(400, MSG.creditAmount);
  const account = org.accountByCode(input.accountCode);
  if (!account || account.Type === "BANK") throw new ControlError(400, MSG.accountCode(input.accountCode ?? ""));
  const bank = bankAccount(org, input.bankAccountCode);
  const date = input.date ? parseDateInput(input.date) : sandbox.clock.today();
  if (!date) throw new ControlError(400, "date must be YYYY-MM-DD");
  if (input.contactId && !org.contacts.get(input.contactId)) throw new ControlError(404, MSG.contactNotFound);
  const description = input.reference ?? account.Name;
  const record = org.bankTransactions.put({
    BankTransactionID: randomUUID(),
    Type: input.type,
    ContactID: input.contactId,
    BankAccountID: bank.AccountID,
    Date: date,
    Reference: input.reference,
    LineAmountTypes: "NoTax",
    LineItems: [{ LineItemID: randomUUID(), Description: description, Quantity: 1, UnitAmount: amount, AccountCode: account.Code, TaxType: "NONE", TaxAmount: 0, LineAmount: amount }],
    SubTotal: amount,
    TotalTax: 0,
    Total: amount,
    CurrencyCode: org.profile.baseCurrency,
    IsReconciled: false,
    Status: "AUTHORISED",
    UpdatedDateUTC: sandbox.clock.now(),
  });
  sandbox.changed();
  return record;
}
