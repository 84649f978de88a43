/**
 * Scopes the sandbox grants. Apps created since March 2026 get granular scopes; the old broad
 * `accounting.transactions` and `accounting.reports.read` are refused (xero-notes.md).
 */
export const GRANULAR_SCOPES = [
  "openid",
  "profile",
  "email",
  "offline_access",
  "accounting.invoices",
  "accounting.invoices.read",
  "accounting.payments",
  "accounting.payments.read",
  "accounting.banktransactions",
  "accounting.banktransactions.read",
  "accounting.contacts",
  "accounting.contacts.read",
  "accounting.settings",
  "accounting.settings.read",
  "accounting.reports.profitandloss.read",
  "accounting.reports.banksummary.read",
  "accounting.reports.balancesheet.read",
  "accounting.reports.executivesummary.read",
  "accounting.attachments",
  "accounting.attachments.read",
];

export const RETIRED_BROAD_SCOPES = ["accounting.transactions", "accounting.transactions.read", "accounting.reports.read"];

/** The scope an Accounting API call needs: the write scope, or either one for a read. */
export function requiredScopes(resource: string, method: string): string[] | null {
  const read = method === "GET";
  const family: Record<string, string> = {
    contacts: "accounting.contacts",
    invoices: "accounting.invoices",
    creditnotes: "accounting.invoices",
    quotes: "accounting.invoices",
    repeatinginvoices: "accounting.invoices",
    items: "accounting.settings",
    payments: "accounting.payments",
    // Xero's granular scopes put overpayments and prepayments with payments.
    overpayments: "accounting.payments",
    prepayments: "accounting.payments",
    banktransactions: "accounting.banktransactions",
    taxrates: "accounting.settings",
    accounts: "accounting.settings",
    currencies: "accounting.settings",
    organisation: "accounting.settings",
  };
  if (resource === "reports") return null; // checked per report
  const base = family[resource];
  if (!base) return null;
  return read ? [base, `${base}.read`] : [base];
}
