import type { SandboxResponse } from "../http";
import type { Sandbox } from "../sandbox";
import type { Organisation } from "../store/organisation";
import type { CreditNoteRec, InvoiceRec } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import { newId, stamp, type ApiContext } from "./context";
import { badRequestMessage, MSG, notFound } from "./errors";
import { parseDateInput, round2 } from "./format";
import { findInvoice } from "./invoices";
import { documentRate } from "./currency-rate";
import { amountTypesOf, buildLines, totals } from "./lines";
import { listQuery } from "./list-query";
import { creditNoteJson } from "./serialise";

export function getCreditNotes(ctx: ApiContext, id?: string): SandboxResponse {
  const { org } = ctx;
  if (id) {
    const cn = org.creditNotes.get(id) ?? [...org.creditNotes.values()].find((c) => c.CreditNoteNumber.toLowerCase() === id.toLowerCase());
    return cn ? envelope(ctx, "CreditNotes", [creditNoteJson(org, cn)]) : notFound();
  }
  const page = listQuery(ctx.req, org.creditNotes.all(), (c) => creditNoteJson(org, c), { paged: true });
  return envelope(ctx, "CreditNotes", page.items, page.pagination);
}

/** PUT /CreditNotes: sales credit notes (ACCRECCREDIT) with lines, as DRAFT or AUTHORISED. */
export function createCreditNotes(ctx: ApiContext): SandboxResponse {
  const elements = elementsOf(ctx.req.json, "CreditNotes");
  if (!elements) return badRequestMessage("The request body could not be read as CreditNotes.");
  const outcomes = elements.map((el) => applyCreditNote(ctx, el));
  ctx.sandbox.changed();
  return answerBatch(ctx, "CreditNotes", outcomes);
}

function applyCreditNote(ctx: ApiContext, el: Record<string, unknown>): ElementOutcome {
  const { org } = ctx;
  const errors: string[] = [];
  const type = field<string>(el, "Type")?.toUpperCase();
  if (type !== "ACCRECCREDIT") errors.push("Only sales credit notes (Type ACCRECCREDIT) are supported by this sandbox");
  const contactId = field<string>(field<Record<string, unknown>>(el, "Contact"), "ContactID");
  const contact = contactId ? org.contacts.get(contactId) : undefined;
  if (!contact) errors.push(MSG.contactIdentify);
  const status = (field<string>(el, "Status")?.toUpperCase() ?? "DRAFT") as CreditNoteRec["Status"];
  if (!["DRAFT", "SUBMITTED", "AUTHORISED"].includes(status)) errors.push(MSG.invoiceStatus);
  const currency = (field<string>(el, "CurrencyCode") ?? org.profile.baseCurrency).toUpperCase();
  if (!org.hasCurrency(currency)) errors.push(MSG.currency(currency));
  const amountTypes = amountTypesOf(field(el, "LineAmountTypes"), "Exclusive");
  const lines = buildLines(org, field(el, "LineItems") ?? [], amountTypes, { strict: status !== "DRAFT", sales: true }, errors);
  if (status !== "DRAFT" && !lines.length) errors.push(MSG.noLines);
  const date = parseDateInput(field(el, "Date")) ?? ctx.sandbox.clock.today();
  const rate = documentRate(org, currency, date, field(el, "CurrencyRate"), errors);
  if (errors.length) return { json: { ...el }, errors, warnings: [] };
  const sums = totals(lines, amountTypes);
  const record: CreditNoteRec = {
    CreditNoteID: newId(),
    CreditNoteNumber: field<string>(el, "CreditNoteNumber") ?? org.nextCreditNoteNumber(),
    Type: "ACCRECCREDIT",
    ContactID: contact!.ContactID,
    Date: date,
    Status: status,
    LineAmountTypes: amountTypes,
    LineItems: lines,
    ...sums,
    RemainingCredit: sums.Total,
    Allocations: [],
    CurrencyCode: currency,
    CurrencyRate: rate,
    Reference: field<string>(el, "Reference"),
    UpdatedDateUTC: stamp(ctx),
  };
  org.creditNotes.put(record);
  ctx.sandbox.webhooks.emit({ resourceUrl: `${ctx.sandbox.baseUrl}/api.xro/2.0/CreditNotes/${record.CreditNoteID}`, resourceId: record.CreditNoteID, eventType: "CREATE", eventCategory: "CREDITNOTE", tenantId: org.tenantId });
  return { json: creditNoteJson(org, record), errors: [], warnings: [] };
}

/** PUT /CreditNotes/{id}/Allocations: the credit pays part of an AUTHORISED invoice of the same contact. */
export function allocateCreditNote(ctx: ApiContext, id: string): SandboxResponse {
  const { org } = ctx;
  const cn = org.creditNotes.get(id);
  if (!cn) return notFound();
  const elements = elementsOf(ctx.req.json, "Allocations") ?? [];
  const outcomes: ElementOutcome[] = elements.map((el) => {
    const invoiceId = field<string>(field<Record<string, unknown>>(el, "Invoice"), "InvoiceID");
    const invoice = invoiceId ? findInvoice(org, invoiceId) : undefined;
    const amount = round2(Number(field(el, "Amount") ?? 0));
    const errors: string[] = [];
    if (!invoice) errors.push(MSG.invoiceNotFound);
    else if (invoice.Status !== "AUTHORISED") errors.push("Credit can only be allocated to Authorised invoices");
    else if (cn.Status !== "AUTHORISED") errors.push("Only an Authorised credit note can be allocated");
    else if (!(amount > 0) || amount > cn.RemainingCredit || amount > invoice.AmountDue) errors.push("The allocation amount is more than the credit remaining or the amount due");
    if (errors.length) return { json: { ...el }, errors, warnings: [] };
    const date = parseDateInput(field(el, "Date")) ?? ctx.sandbox.clock.today();
    applyAllocation(ctx.sandbox, org, cn, invoice!.InvoiceID, amount, date);
    return { json: { AllocationID: cn.Allocations[cn.Allocations.length - 1].AllocationID, Amount: amount, Invoice: { InvoiceID: invoice!.InvoiceID }, CreditNote: { CreditNoteID: cn.CreditNoteID } }, errors: [], warnings: [] };
  });
  ctx.sandbox.changed();
  return answerBatch(ctx, "Allocations", outcomes);
}

/**
 * The invoice's side of any credit allocated to it (a credit note, an overpayment, a prepayment):
 * it owes less, shows it in AmountCredited (not AmountPaid), is PAID at zero, and its history says so.
 */
export function creditInvoice(org: Organisation, invoice: InvoiceRec, amount: number, date: string, at: number, details: string): void {
  invoice.AmountCredited = round2(invoice.AmountCredited + amount);
  invoice.AmountDue = round2(invoice.Total - invoice.AmountPaid - invoice.AmountCredited);
  if (invoice.AmountDue <= 0) {
    invoice.Status = "PAID";
    invoice.FullyPaidOnDate = date;
  }
  invoice.UpdatedDateUTC = at;
  invoice.History.push({ Changes: "Credit Applied", DateUTC: at, User: "System Generated", Details: details });
  org.invoices.touched();
}

/** Moves credit onto an invoice: it owes less (PAID at zero) and the note has less left (PAID at zero). */
export function applyAllocation(sandbox: Sandbox, org: Organisation, cn: CreditNoteRec, invoiceId: string, amount: number, date: string): void {
  const invoice = org.invoices.get(invoiceId)!;
  const at = sandbox.clock.now();
  cn.Allocations.push({ AllocationID: newId(), InvoiceID: invoiceId, Amount: amount, Date: date });
  cn.RemainingCredit = round2(cn.RemainingCredit - amount);
  if (cn.RemainingCredit <= 0) cn.Status = "PAID";
  cn.UpdatedDateUTC = at;
  org.creditNotes.touched();
  creditInvoice(org, invoice, amount, date, at, `Credit of ${amount.toFixed(2)} from ${cn.CreditNoteNumber} applied.`);
  sandbox.webhooks.emit({ resourceUrl: `${sandbox.baseUrl}/api.xro/2.0/CreditNotes/${cn.CreditNoteID}`, resourceId: cn.CreditNoteID, eventType: "UPDATE", eventCategory: "CREDITNOTE", tenantId: org.tenantId });
  sandbox.webhooks.emit({ resourceUrl: `${sandbox.baseUrl}/api.xro/2.0/Invoices/${invoiceId}`, resourceId: invoiceId, eventType: "UPDATE", eventCategory: "INVOICE", tenantId: org.tenantId });
}
