/** Statuses after which an invoice bills nothing and never comes back: its deal may be invoiced again (data gap 7). */
export const DEAD_INVOICE_STATUSES = new Set(["VOIDED", "DELETED"]);

/** Statuses a deal's edits may still change: lines follow the deal, the status stays Xero's. */
export const EDITABLE_INVOICE_STATUSES = new Set(["DRAFT", "SUBMITTED"]);
