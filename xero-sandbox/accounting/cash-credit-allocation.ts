import type { Sandbox } from "../sandbox";
import type { Organisation } from "../store/organisation";
import type { CashCreditRec } from "../store/types";
import { newId } from "./context";
import { MSG } from "./errors";
import { creditInvoice } from "./credit-notes";
import { round2 } from "./format";

/** Why an allocation of this credit to this invoice is refused (Xero's rules), or null when it may go ahead. */
export function allocationRefusal(org: Organisation, credit: CashCreditRec, invoiceId: string, amount: number): string | null {
  const invoice = org.invoices.get(invoiceId);
  if (!invoice || invoice.Type !== "ACCREC") return MSG.invoiceNotFound;
  if (credit.Status !== "AUTHORISED") return MSG.creditNotAuthorised;
  if (invoice.Status !== "AUTHORISED") return MSG.creditAllocationStatus;
  if (invoice.ContactID !== credit.ContactID) return MSG.creditAllocationContact;
  if (invoice.CurrencyCode !== credit.CurrencyCode) return MSG.creditAllocationCurrency;
  if (!(amount > 0)) return MSG.creditAmount;
  if (amount > credit.RemainingCredit || amount > invoice.AmountDue) return MSG.creditAllocationExceeds;
  return null;
}

/**
 * Moves an overpayment's or prepayment's credit onto an invoice: the invoice owes less and shows it
 * in AmountCredited (not AmountPaid), the credit has less left, and each is PAID at zero. Call after
 * allocationRefusal said yes.
 */
export function applyCashAllocation(sandbox: Sandbox, org: Organisation, credit: CashCreditRec, invoiceId: string, amount: number, date: string): string {
  const invoice = org.invoices.get(invoiceId)!;
  const at = sandbox.clock.now();
  const allocationId = newId();
  credit.Allocations.push({ AllocationID: allocationId, InvoiceID: invoice.InvoiceID, Amount: amount, Date: date });
  credit.RemainingCredit = round2(credit.RemainingCredit - amount);
  if (credit.RemainingCredit <= 0) credit.Status = "PAID";
  credit.UpdatedDateUTC = at;
  (credit.Kind === "overpayment" ? org.overpayments : org.prepayments).touched();
  creditInvoice(org, invoice, amount, date, at, `${credit.Kind === "overpayment" ? "Overpayment" : "Prepayment"} of ${amount.toFixed(2)} applied.`);
  // Xero has no webhook for overpayments or prepayments; the invoice they paid changes, and says so.
  sandbox.webhooks.emit({ resourceUrl: `${sandbox.baseUrl}/api.xro/2.0/Invoices/${invoice.InvoiceID}`, resourceId: invoice.InvoiceID, eventType: "UPDATE", eventCategory: "INVOICE", tenantId: org.tenantId });
  return allocationId;
}
