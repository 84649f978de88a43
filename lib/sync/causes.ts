/**
 * The causes a failed record can have, each with what to do about it in our words. The first six
 * are the troubleshooting guide's sync causes (seeds/001): duplicate contact, required fields
 * missing, contact limit reached, invalid account code, tax rate mismatch, currency not enabled;
 * its three reconciliation causes follow (bank account not mapped, transaction already reconciled,
 * amount mismatch). Xero's own message is always kept beside ours.
 */
export type SyncCause =
  | "duplicate_contact"
  | "required_fields_missing"
  | "contact_limit_reached"
  | "invalid_account_code"
  | "tax_rate_mismatch"
  | "currency_not_enabled"
  | "bank_account_not_mapped"
  | "transaction_reconciled"
  | "amount_mismatch"
  | "invalid_email"
  | "invalid_item_code"
  | "invoice_not_editable"
  | "customer_not_in_xero"
  | "awaiting_review"
  | "validation"
  | "rate_limited"
  | "xero_unavailable"
  | "needs_reauth"
  | "not_found_in_xero"
  | "contact_without_email";

export const CAUSE_LABELS: Record<SyncCause, string> = {
  duplicate_contact: "Duplicate contact",
  required_fields_missing: "Required fields missing",
  contact_limit_reached: "Contact limit reached",
  invalid_account_code: "Invalid account code",
  tax_rate_mismatch: "Tax rate mismatch",
  currency_not_enabled: "Currency not enabled",
  bank_account_not_mapped: "Bank account not mapped",
  transaction_reconciled: "Transaction already reconciled",
  amount_mismatch: "Amount mismatch",
  invalid_email: "Invalid email",
  invalid_item_code: "Invalid item code",
  invoice_not_editable: "Invoice already approved",
  customer_not_in_xero: "Customer not in Xero yet",
  awaiting_review: "Waiting for review",
  validation: "Refused by Xero",
  rate_limited: "Rate limited",
  xero_unavailable: "Xero unavailable",
  needs_reauth: "Connection needs re-authorising",
  not_found_in_xero: "Not found in Xero",
  contact_without_email: "No email address to send to",
};

const PATTERNS: [RegExp, SyncCause][] = [
  [/is already assigned to another contact/i, "duplicate_contact"],
  [/must contain at least 1 of the following elements to identify the contact/i, "required_fields_missing"],
  [/one or more line items must be specified/i, "required_fields_missing"],
  [/limit of \d+ contacts|contact limit/i, "contact_limit_reached"],
  [/account code '.*' is not a valid code/i, "invalid_account_code"],
  [/taxtype code .* (does not exist|cannot be used)/i, "tax_rate_mismatch"],
  [/not subscribed to currency/i, "currency_not_enabled"],
  [/has been reconciled|is reconciled/i, "transaction_reconciled"],
  [/amount exceeds the amount outstanding/i, "amount_mismatch"],
  [/no bank account (is )?mapped|not a valid bank account|must be a bank account/i, "bank_account_not_mapped"],
  [/email address must be valid/i, "invalid_email"],
  [/item code '.*' is not valid/i, "invalid_item_code"],
  [/not of valid status for modification/i, "invoice_not_editable"],
  [/could not be found/i, "not_found_in_xero"],
  [/does not have an email address/i, "contact_without_email"],
];

/**
 * The cause behind one of Xero's validation messages. Xero words a payment's bad account as it words
 * an invoice line's; on a payment that account is the bank account the payment goes into.
 */
export function causeOf(xeroMessage: string, entity?: string): SyncCause {
  const cause = PATTERNS.find(([pattern]) => pattern.test(xeroMessage))?.[1] ?? "validation";
  return cause === "invalid_account_code" && entity === "payment" ? "bank_account_not_mapped" : cause;
}

/** What to do, for a record the person can recognise (`what`, e.g. `customer "Acme Ltd"`). */
export function fixFor(cause: SyncCause, what: string, xeroMessage = ""): string {
  const quoted = /'([^']+)'/.exec(xeroMessage)?.[1] ?? /currency (\w{3})/i.exec(xeroMessage)?.[1] ?? "";
  switch (cause) {
    case "duplicate_contact":
      return `Xero already has an active contact with the name of ${what}, with another email. Link the two in Sync -> Review, or rename ${what}.`;
    case "required_fields_missing":
      return `${what} is missing a field Xero needs (a name for a contact, at least one line for an invoice). Fill it in and retry.`;
    case "contact_limit_reached":
      return `The Xero organisation has reached its plan's contact limit. Archive unused contacts in Xero or upgrade the Xero plan, then retry ${what}.`;
    case "invalid_account_code":
      return `Account code '${quoted}' is not valid for this document: map the product to a sales account in Settings -> Invoicing (or on the product), then retry ${what}.`;
    case "tax_rate_mismatch":
      return `Tax type ${quoted || "on a line"} does not exist in Xero or cannot be used on sales with that account: pick one of Xero's tax rates in Settings -> Invoicing, then retry ${what}.`;
    case "currency_not_enabled":
      return `The Xero organisation is not subscribed to currency ${quoted}. Enable ${quoted} in Xero (Settings -> Currencies) or change the deal's currency, then retry ${what}.`;
    case "bank_account_not_mapped":
      return `Xero does not take payments into ${quoted ? `account '${quoted}'` : "that account"}: map a default bank account in Settings -> Invoicing (one of Xero's BANK accounts), or choose one on the payment, then retry ${what}.`;
    case "transaction_reconciled":
      return `The payment of ${what} is already reconciled in Xero (matched to a bank statement line), so it cannot be changed from here. Check it in Xero (Accounting -> Bank accounts -> Reconcile); unreconcile it there first if it must change.`;
    case "amount_mismatch":
      return `The payment of ${what} is more than the invoice still owes in Xero: compare the amounts in both systems (a payment or credit note may already be in Xero), correct the payment's amount, then retry.`;
    case "invalid_email":
      return `The email of ${what} is not a valid address. Correct it and the change syncs by itself.`;
    case "invalid_item_code":
      return `Item code '${quoted}' does not exist in Xero: fix the product's Xero item code (Products), then retry ${what}.`;
    case "invoice_not_editable":
      return `The invoice of ${what} is approved or paid in Xero and can no longer be edited: make the change with a credit note in Xero.`;
    case "contact_without_email":
      return `Xero could not email the invoice of ${what}: the customer has no email address in Xero. Add the customer's email (it syncs to Xero), then retry; or send the invoice from Xero.`;
    case "not_found_in_xero":
      return `${what} no longer exists in Xero (deleted there). Resync it to create it again.`;
    default:
      return `Xero refused ${what}. Read Xero's message, correct the record, then retry.`;
  }
}
