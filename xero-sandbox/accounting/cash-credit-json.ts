import type { Organisation } from "../store/organisation";
import type { CashCreditRec } from "../store/types";
import { dateString, dateValue, msDate } from "./format";
import { contactRef, lineJson } from "./serialise";

/** The collection and Type Xero names each kind by (sales side only: RECEIVE-*). */
export const CASH_CREDIT_KINDS = {
  overpayment: { collection: "Overpayments", idField: "OverpaymentID", type: "RECEIVE-OVERPAYMENT" },
  prepayment: { collection: "Prepayments", idField: "PrepaymentID", type: "RECEIVE-PREPAYMENT" },
} as const;

/** An overpayment or prepayment as Xero's JSON answers it (schemas Overpayment and Prepayment). */
export function cashCreditJson(org: Organisation, c: CashCreditRec): Record<string, unknown> {
  const kind = CASH_CREDIT_KINDS[c.Kind];
  return {
    [kind.idField]: c.ID,
    // Xero's own examples carry the id twice, as <Kind>ID and ID.
    ID: c.ID,
    Type: kind.type,
    Reference: c.Reference ?? "",
    RemainingCredit: c.RemainingCredit,
    Allocations: c.Allocations.map((a) => ({ AllocationID: a.AllocationID, Amount: a.Amount, Date: dateValue(a.Date), Invoice: invoiceRef(org, a.InvoiceID) })),
    Payments: [],
    HasAttachments: false,
    Contact: contactRef(org, c.ContactID),
    DateString: dateString(c.Date),
    Date: dateValue(c.Date),
    Status: c.Status,
    LineAmountTypes: c.LineAmountTypes,
    LineItems: c.LineItems.map(lineJson),
    SubTotal: c.SubTotal,
    TotalTax: c.TotalTax,
    Total: c.Total,
    UpdatedDateUTC: msDate(c.UpdatedDateUTC),
    UpdatedDateUTCString: new Date(c.UpdatedDateUTC).toISOString().replace(/\.\d{3}Z$/, "Z"),
    CurrencyCode: c.CurrencyCode,
    CurrencyRate: c.CurrencyRate,
  };
}

function invoiceRef(org: Organisation, invoiceId: string): Record<string, unknown> {
  const inv = org.invoices.get(invoiceId);
  return inv ? { InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber } : { InvoiceID: invoiceId };
}
