import { json, type SandboxResponse } from "../http";
import type { Organisation } from "../store/organisation";
import type { ContactRec, InvoiceRec, InvoiceStatus } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import { newId, stamp, type ApiContext } from "./context";
import { badRequestMessage, MSG, notFound, validationException } from "./errors";
import { addDays, msDate, parseDateInput, round2 } from "./format";
import { documentRate } from "./currency-rate";
import { amountTypesOf, buildLines, totals } from "./lines";
import { csvParam, listQuery, param } from "./list-query";
import { invoiceJson } from "./serialise";

const TRANSITIONS: Record<InvoiceStatus, InvoiceStatus[]> = {
  DRAFT: ["DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"],
  SUBMITTED: ["DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"],
  AUTHORISED: ["AUTHORISED", "VOIDED"],
  PAID: [],
  VOIDED: [],
  DELETED: [],
};

export function findInvoice(org: Organisation, idOrNumber: string): InvoiceRec | undefined {
  return org.invoices.get(idOrNumber) ?? [...org.invoices.values()].find((i) => i.InvoiceNumber.toLowerCase() === idOrNumber.toLowerCase());
}

export function getInvoices(ctx: ApiContext, id?: string): SandboxResponse {
  const { org } = ctx;
  if (id) {
    const inv = findInvoice(org, id);
    return inv ? envelope(ctx, "Invoices", [invoiceJson(org, inv)]) : notFound();
  }
  const ids = csvParam(ctx.req, "IDs")?.map((s) => s.toLowerCase());
  const numbers = csvParam(ctx.req, "InvoiceNumbers")?.map((s) => s.toLowerCase());
  const contactIds = csvParam(ctx.req, "ContactIDs")?.map((s) => s.toLowerCase());
  const statuses = csvParam(ctx.req, "Statuses")?.map((s) => s.toUpperCase());
  const summaryOnly = param(ctx.req, "summaryOnly")?.toLowerCase() === "true";
  const page = listQuery(ctx.req, org.invoices.all(), (inv) => invoiceJson(org, inv, summaryOnly), {
    paged: true,
    prefilter: (inv) =>
      (!ids || ids.includes(inv.InvoiceID.toLowerCase())) &&
      (!numbers || numbers.includes(inv.InvoiceNumber.toLowerCase())) &&
      (!contactIds || contactIds.includes(inv.ContactID.toLowerCase())) &&
      (!statuses || statuses.includes(inv.Status)),
  });
  return envelope(ctx, "Invoices", page.items, page.pagination);
}

export function writeInvoices(ctx: ApiContext, mode: "create" | "upsert", pathId?: string): SandboxResponse {
  const elements = elementsOf(ctx.req.json, "Invoices");
  if (!elements) return badRequestMessage("The request body could not be read as Invoices.");
  const outcomes = elements.map((el) => applyInvoice(ctx, el, mode, pathId));
  ctx.sandbox.changed();
  return answerBatch(ctx, "Invoices", outcomes);
}

function resolveContact(ctx: ApiContext, raw: Record<string, unknown> | undefined, errors: string[]): ContactRec | "new" | undefined {
  if (!raw) return undefined;
  const id = field<string>(raw, "ContactID");
  const number = field<string>(raw, "ContactNumber");
  const name = field<string>(raw, "Name");
  if (id) {
    const c = ctx.org.contacts.get(id);
    if (!c) errors.push(MSG.contactNotFound);
    return c;
  }
  if (number) {
    const c = [...ctx.org.contacts.values()].find((x) => x.ContactNumber?.toLowerCase() === number.toLowerCase());
    if (c) return c;
  }
  if (name) return ctx.org.activeContactByName(name) ?? "new";
  errors.push(MSG.contactIdentify);
  return undefined;
}

function applyInvoice(ctx: ApiContext, el: Record<string, unknown>, mode: "create" | "upsert", pathId?: string): ElementOutcome {
  const { org } = ctx;
  const errors: string[] = [];
  const warnings: string[] = [];
  const givenId = pathId ?? field<string>(el, "InvoiceID");
  const givenNumber = field<string>(el, "InvoiceNumber");
  let existing: InvoiceRec | undefined;
  if (mode === "upsert" && givenId) {
    existing = findInvoice(org, givenId);
    if (!existing) return { json: { ...el }, errors: [MSG.invoiceNotFound], warnings };
  } else if (mode === "upsert" && givenNumber) {
    existing = [...org.invoices.values()].find((i) => i.InvoiceNumber.toLowerCase() === givenNumber.toLowerCase() && i.Status !== "DELETED");
  }

  const target = (field<string>(el, "Status")?.toUpperCase() ?? existing?.Status ?? "DRAFT") as InvoiceStatus;
  if (existing) {
    const changesContent = ["LineItems", "Contact", "CurrencyCode", "CurrencyRate", "LineAmountTypes"].some((k) => field(el, k) !== undefined);
    // Paid or credited money sits on the invoice: Xero wants it removed before an edit or a void.
    const settled = existing.AmountPaid > 0 || existing.AmountCredited > 0;
    if (!TRANSITIONS[existing.Status].includes(target) || (settled && (changesContent || target === "VOIDED"))) {
      return { json: { ...el }, errors: [MSG.invoiceStatus], warnings };
    }
  } else if (!["DRAFT", "SUBMITTED", "AUTHORISED"].includes(target)) {
    return { json: { ...el }, errors: [MSG.invoiceStatus], warnings };
  }

  const type = (field<string>(el, "Type")?.toUpperCase() ?? existing?.Type) as InvoiceRec["Type"] | undefined;
  if (type !== "ACCREC" && type !== "ACCPAY") errors.push("Invoice Type must be specified as ACCREC or ACCPAY");
  const contact = resolveContact(ctx, field<Record<string, unknown>>(el, "Contact"), errors);
  if (!existing && contact === undefined && !errors.length) errors.push(MSG.contactIdentify);
  const currency = (field<string>(el, "CurrencyCode") ?? existing?.CurrencyCode ?? org.profile.baseCurrency).toUpperCase();
  if (!org.hasCurrency(currency)) errors.push(MSG.currency(currency));
  const amountTypes = amountTypesOf(field(el, "LineAmountTypes"), existing?.LineAmountTypes ?? "Exclusive");
  const strict = target === "AUTHORISED" || target === "SUBMITTED";
  const rawLines = field(el, "LineItems");
  const lines = rawLines !== undefined ? buildLines(org, rawLines, amountTypes, { strict, sales: type !== "ACCPAY" }, errors) : (existing?.LineItems ?? []);
  if (strict && lines.length === 0) errors.push(MSG.noLines);
  const date = parseDateInput(field(el, "Date")) ?? existing?.Date ?? ctx.sandbox.clock.today();
  const dueDate = parseDateInput(field(el, "DueDate")) ?? existing?.DueDate ?? addDays(date, 30);
  // A rate sent is kept; an edit that keeps currency and date keeps the rate; otherwise the day's rate.
  const givenRate = field(el, "CurrencyRate");
  const rate = existing && givenRate === undefined && existing.CurrencyCode === currency && existing.Date === date ? existing.CurrencyRate : documentRate(org, currency, date, givenRate, errors);
  if (givenNumber && type === "ACCREC" && org.invoiceNumberTaken(givenNumber, existing?.InvoiceID)) errors.push(MSG.invoiceNumber);
  const sent = field<boolean>(el, "SentToContact");
  if (sent !== undefined && target !== "AUTHORISED") warnings.push(MSG.sentToContact);
  if (errors.length) return { json: { ...el }, errors, warnings };

  let contactRec = contact === "new" ? undefined : contact;
  if (contact === "new") {
    // Xero's trap: an unknown Name silently creates a new contact (xero-notes.md).
    const name = String(field(field<Record<string, unknown>>(el, "Contact")!, "Name")).trim();
    contactRec = org.contacts.put({ ContactID: newId(), ContactStatus: "ACTIVE", Name: name, Addresses: [], Phones: [], UpdatedDateUTC: stamp(ctx) });
  }
  const previous = existing?.Status;
  const sums = totals(lines, amountTypes);
  const record: InvoiceRec = existing ?? {
    InvoiceID: newId(),
    Type: type!,
    ContactID: contactRec!.ContactID,
    InvoiceNumber: givenNumber ?? (type === "ACCREC" ? org.nextInvoiceNumber() : ""),
    Date: date,
    LineAmountTypes: amountTypes,
    Status: target,
    SentToContact: false,
    CurrencyCode: currency,
    CurrencyRate: rate,
    SubTotal: 0,
    TotalTax: 0,
    Total: 0,
    AmountPaid: 0,
    AmountCredited: 0,
    AmountDue: 0,
    LineItems: [],
    UpdatedDateUTC: 0,
    History: [],
  };
  if (contactRec) record.ContactID = contactRec.ContactID;
  if (givenNumber) record.InvoiceNumber = givenNumber;
  const reference = field<string>(el, "Reference");
  if (reference !== undefined) record.Reference = reference;
  Object.assign(record, { Date: date, DueDate: dueDate, LineAmountTypes: amountTypes, CurrencyCode: currency, CurrencyRate: rate, LineItems: lines, Status: target, ...sums });
  // A voided or deleted invoice is owed by nobody (as the control plane's void and the seeds say).
  record.AmountDue = target === "VOIDED" || target === "DELETED" ? 0 : round2(record.Total - record.AmountPaid - record.AmountCredited);
  if (sent !== undefined && target === "AUTHORISED") record.SentToContact = sent;
  const repeating = field<string>(el, "RepeatingInvoiceID");
  if (repeating) record.RepeatingInvoiceID = repeating;
  adjustInventory(ctx, record, previous, target);
  record.UpdatedDateUTC = stamp(ctx);
  record.History.push({ Changes: existing ? (previous !== target ? statusWord(target) : "Edited") : "Created", DateUTC: record.UpdatedDateUTC, User: "System Generated", Details: `${statusWord(target)} ${record.InvoiceNumber} for ${record.Total.toFixed(2)} ${record.CurrencyCode}.` });
  org.invoices.put(record);
  ctx.sandbox.webhooks.emit({ resourceUrl: `${ctx.sandbox.baseUrl}/api.xro/2.0/Invoices/${record.InvoiceID}`, resourceId: record.InvoiceID, eventType: existing ? "UPDATE" : "CREATE", eventCategory: "INVOICE", tenantId: org.tenantId });
  return { json: invoiceJson(org, record), errors: [], warnings };
}

const statusWord = (s: InvoiceStatus) => ({ DRAFT: "Draft", SUBMITTED: "Submitted", AUTHORISED: "Approved", PAID: "Paid", VOIDED: "Voided", DELETED: "Deleted" })[s];

/** Tracked items leave stock when a sales invoice is approved, and come back if it is voided. */
function adjustInventory(ctx: ApiContext, inv: InvoiceRec, from: InvoiceStatus | undefined, to: InvoiceStatus): void {
  if (inv.Type !== "ACCREC") return;
  const sign = from !== "AUTHORISED" && to === "AUTHORISED" ? -1 : from === "AUTHORISED" && to === "VOIDED" ? 1 : 0;
  if (!sign) return;
  for (const line of inv.LineItems) {
    const item = ctx.org.itemByCode(line.ItemCode);
    if (!item?.IsTrackedAsInventory) continue;
    item.QuantityOnHand = round2((item.QuantityOnHand ?? 0) + sign * line.Quantity);
    item.UpdatedDateUTC = stamp(ctx);
    ctx.org.items.touched();
  }
}

/**
 * POST /Invoices/{id}/Email: Xero emails the invoice to its contact (204) and marks it sent. Only
 * approved invoices, and only to a contact with an email address.
 */
export function emailInvoice(ctx: ApiContext, id: string): SandboxResponse {
  const inv = findInvoice(ctx.org, id);
  if (!inv) return notFound();
  if (!["AUTHORISED", "SUBMITTED", "PAID"].includes(inv.Status)) return badRequestMessage(MSG.emailNotApproved);
  const contact = ctx.org.contacts.get(inv.ContactID);
  if (!contact?.EmailAddress) return badRequestMessage(MSG.emailNoAddress);
  inv.SentToContact = true;
  inv.UpdatedDateUTC = stamp(ctx);
  inv.History.push({ Changes: "Emailed", DateUTC: inv.UpdatedDateUTC, User: "System Generated", Details: `Emailed to ${contact.EmailAddress}.` });
  ctx.org.invoices.touched();
  ctx.sandbox.changed();
  ctx.sandbox.webhooks.emit({ resourceUrl: `${ctx.sandbox.baseUrl}/api.xro/2.0/Invoices/${inv.InvoiceID}`, resourceId: inv.InvoiceID, eventType: "UPDATE", eventCategory: "INVOICE", tenantId: ctx.org.tenantId });
  return { status: 204, headers: {}, body: "" };
}

/** GET /Invoices/{id}/OnlineInvoice: the customer's link (not for drafts). */
export function onlineInvoice(ctx: ApiContext, id: string): SandboxResponse {
  const inv = findInvoice(ctx.org, id);
  if (!inv) return notFound();
  if (inv.Status === "DRAFT" || inv.Status === "DELETED") {
    return validationException([], "The online invoice is not available for draft or deleted invoices");
  }
  return json(200, { OnlineInvoices: [{ OnlineInvoiceUrl: `${ctx.sandbox.baseUrl}/__sandbox/online-invoice/${inv.InvoiceID}` }] });
}

export function invoiceHistory(ctx: ApiContext, id: string): SandboxResponse {
  const inv = findInvoice(ctx.org, id);
  if (!inv) return notFound();
  return json(200, { HistoryRecords: inv.History.map((h) => ({ ...h, DateUTC: msDate(h.DateUTC), DateUTCString: new Date(h.DateUTC).toISOString().slice(0, 19) })) });
}

/** PUT Invoices/{id}/History: a note added to the invoice's history (Xero answers the records it added). */
export function addInvoiceHistory(ctx: ApiContext, id: string): SandboxResponse {
  const inv = findInvoice(ctx.org, id);
  if (!inv) return notFound();
  const records = elementsOf(ctx.req.json, "HistoryRecords");
  if (!records?.length) return badRequestMessage("The request body could not be read as HistoryRecords.");
  const added = records.map((r) => ({ Changes: "Note", DateUTC: ctx.now, User: "API", Details: String(field<string>(r, "Details") ?? "").slice(0, 2500) }));
  if (added.some((r) => !r.Details)) return badRequestMessage("A history note needs its Details.");
  inv.History.push(...added);
  ctx.sandbox.changed();
  return json(200, { HistoryRecords: added.map((h) => ({ ...h, DateUTC: msDate(h.DateUTC) })) });
}
