/**
 * The scopes Ledgerbridge asks for, in one place: granular scopes (apps created since March 2026
 * cannot use the broad ones). A connection missing any of them is shown with the missing names.
 */
export const REQUIRED_XERO_SCOPES = [
  "openid",
  "profile",
  "email",
  "offline_access",
  "accounting.contacts",
  "accounting.invoices",
  "accounting.payments",
  "accounting.settings",
  "accounting.banktransactions.read",
  "accounting.reports.profitandloss.read",
  "accounting.reports.banksummary.read",
  "accounting.reports.balancesheet.read",
] as const;

export function missingScopes(granted: string[]): string[] {
  return REQUIRED_XERO_SCOPES.filter((s) => !granted.includes(s));
}
