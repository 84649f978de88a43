import type { SandboxResponse } from "../http";
import type { PaymentRec } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import { newId, stamp, type ApiContext } from "./context";
import { badRequestMessage, MSG, notFound } from "./errors";
import { documentRate } from "./currency-rate";
import { parseDateInput, round2 } from "./format";
import { findInvoice } from "./invoices";
import { listQuery } from "./list-query";
import { invoiceJson, paymentJson } from "./serialise";

export function getPayments(ctx: ApiContext, id?: string): SandboxResponse {
  const { org } = ctx;
  if (id) {
    const p = org.payments.get(id);
    return p ? envelope(ctx, "Payments", [paymentJson(org, p)]) : notFound();
  }
  const page = listQuery(ctx.req, org.payments.all(), (p) => paymentJson(org, p), { paged: true });
  return envelope(ctx, "Payments", page.items, page.pagination);
}

export function createPayments(ctx: ApiContext): SandboxResponse {
  const elements = elementsOf(ctx.req.json, "Payments");
  if (!elements) return badRequestMessage("The request body could not be read as Payments.");
  const outcomes = elements.map((el) => applyPayment(ctx, el));
  ctx.sandbox.changed();
  return answerBatch(ctx, "Payments", outcomes);
}

function applyPayment(ctx: ApiContext, el: Record<string, unknown>): ElementOutcome {
  const { org } = ctx;
  const errors: string[] = [];
  const invRef = field<Record<string, unknown>>(el, "Invoice");
  const invKey = field<string>(invRef, "InvoiceID") ?? field<string>(invRef, "InvoiceNumber") ?? field<string>(el, "InvoiceNumber");
  const invoice = invKey ? findInvoice(org, invKey) : undefined;
  if (!invoice) return { json: { ...el }, errors: [MSG.invoiceNotFound], warnings: [] };
  const accRef = field<Record<string, unknown>>(el, "Account");
  const accountId = field<string>(accRef, "AccountID");
  const accountCode = field<string>(accRef, "Code");
  const account = accountId ? org.accounts.find((a) => a.AccountID.toLowerCase() === accountId.toLowerCase()) : org.accountByCode(accountCode);
  if (!account || !(account.Type === "BANK" || account.EnablePaymentsToAccount)) errors.push(MSG.paymentAccount(accountCode ?? account?.Code ?? accountId ?? ""));
  if (invoice.Status !== "AUTHORISED") errors.push(MSG.paymentStatus);
  const amount = round2(Number(field(el, "Amount") ?? 0));
  if (!(amount > 0)) errors.push("Payment amount must be greater than zero");
  else if (invoice.Status === "AUTHORISED" && amount > invoice.AmountDue) errors.push(MSG.paymentExceeds);
  const date = parseDateInput(field(el, "Date")) ?? ctx.sandbox.clock.today();
  // A payment has its own rate (the day it was paid), in the invoice's currency; the difference to
  // the invoice's rate is Xero's exchange gain or loss.
  const rate = documentRate(org, invoice.CurrencyCode, date, field(el, "CurrencyRate"), errors);
  if (errors.length) return { json: { ...el }, errors, warnings: [] };

  const payment: PaymentRec = {
    PaymentID: newId(),
    InvoiceID: invoice.InvoiceID,
    AccountID: account!.AccountID,
    Date: date,
    Amount: amount,
    CurrencyRate: rate,
    Reference: field<string>(el, "Reference"),
    IsReconciled: field<boolean>(el, "IsReconciled") ?? false,
    Status: "AUTHORISED",
    PaymentType: invoice.Type === "ACCREC" ? "ACCRECPAYMENT" : "ACCPAYPAYMENT",
    UpdatedDateUTC: stamp(ctx),
  };
  org.payments.put(payment);
  settle(ctx, invoice.InvoiceID, amount, date);
  return { json: paymentJson(org, payment), errors: [], warnings: [] };
}

/** Applies (or with a negative amount, reverses) a payment on its invoice: PAID when nothing is due. */
function settle(ctx: ApiContext, invoiceId: string, amount: number, date: string): void {
  const invoice = ctx.org.invoices.get(invoiceId)!;
  invoice.AmountPaid = round2(invoice.AmountPaid + amount);
  invoice.AmountDue = round2(invoice.Total - invoice.AmountPaid - invoice.AmountCredited);
  if (invoice.AmountDue <= 0 && invoice.Status === "AUTHORISED") {
    invoice.Status = "PAID";
    invoice.FullyPaidOnDate = date;
    invoice.History.push({ Changes: "Paid", DateUTC: ctx.now, User: "System Generated", Details: `Payment received: ${amount.toFixed(2)}. Fully paid.` });
  } else if (invoice.AmountDue > 0 && invoice.Status === "PAID") {
    invoice.Status = "AUTHORISED";
    invoice.FullyPaidOnDate = undefined;
  }
  invoice.UpdatedDateUTC = stamp(ctx);
  ctx.org.invoices.touched();
  // There is no PAYMENT webhook at Xero: a payment shows up as an INVOICE UPDATE.
  ctx.sandbox.webhooks.emit({ resourceUrl: `${ctx.sandbox.baseUrl}/api.xro/2.0/Invoices/${invoice.InvoiceID}`, resourceId: invoice.InvoiceID, eventType: "UPDATE", eventCategory: "INVOICE", tenantId: ctx.org.tenantId });
}

/** POST /Payments/{id} with Status DELETED removes a payment (not a reconciled one). */
export function deletePayment(ctx: ApiContext, id: string): SandboxResponse {
  const payment = ctx.org.payments.get(id);
  if (!payment) return notFound();
  const elements = elementsOf(ctx.req.json, "Payments") ?? [];
  const status = field<string>(elements[0], "Status")?.toUpperCase();
  const errors: string[] = [];
  if (status !== "DELETED") errors.push("Only the Status of a payment can be changed, to DELETED");
  else if (payment.IsReconciled) errors.push(MSG.paymentReconciled);
  else if (payment.Status === "DELETED") errors.push("The payment is already deleted");
  if (!errors.length) {
    payment.Status = "DELETED";
    payment.UpdatedDateUTC = stamp(ctx);
    ctx.org.payments.touched();
    settle(ctx, payment.InvoiceID, -payment.Amount, payment.Date);
    ctx.sandbox.changed();
  }
  const inv = ctx.org.invoices.get(payment.InvoiceID);
  return answerBatch(ctx, "Payments", [{ json: { ...paymentJson(ctx.org, payment), Invoice: inv ? invoiceJson(ctx.org, inv, true) : undefined }, errors, warnings: [] }]);
}
