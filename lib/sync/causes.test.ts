import { describe, expect, it } from "vitest";
import { CAUSE_LABELS, causeOf, fixFor } from "./causes";

// Xero's own wording (shared/xero-notes.md and the sandbox's messages), one per cause the troubleshooting guide names.
const GUIDE_CAUSES: [string, string | undefined, keyof typeof CAUSE_LABELS][] = [
  ["The contact name Acme Ltd is already assigned to another contact. The contact name must be unique across all active contacts.", "customer", "duplicate_contact"],
  ["The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber", "customer", "required_fields_missing"],
  ["The organisation has reached its plan's limit of 1000 contacts.", "customer", "contact_limit_reached"],
  ["Account code '999' is not a valid code for this document.", "deal", "invalid_account_code"],
  ["The TaxType code ZZZ does not exist or cannot be used for this type of transaction.", "deal", "tax_rate_mismatch"],
  ["Organisation is not subscribed to currency JPY", "deal", "currency_not_enabled"],
  ["Account code '200' is not a valid code for this document.", "payment", "bank_account_not_mapped"],
  ["Payment cannot be modified as it has been reconciled", "payment", "transaction_reconciled"],
  ["Payment amount exceeds the amount outstanding on this document", "payment", "amount_mismatch"],
];

describe("the guide's causes", () => {
  it.each(GUIDE_CAUSES)("%s -> its cause", (message, entity, cause) => {
    expect(causeOf(message, entity)).toBe(cause);
    expect(CAUSE_LABELS[cause]).toBeTruthy();
    // Each has its own fix, not the catch-all.
    expect(fixFor(cause, 'customer "Acme"', message)).not.toBe(fixFor("validation", 'customer "Acme"', message));
  });

  it("names the account and currency Xero named", () => {
    expect(fixFor("bank_account_not_mapped", "the payment", "Account code '200' is not a valid code for this document.")).toContain("'200'");
    expect(fixFor("currency_not_enabled", "the deal", "Organisation is not subscribed to currency JPY")).toContain("JPY");
    expect(causeOf("Something else entirely")).toBe("validation");
  });
});
