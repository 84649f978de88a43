import type { SandboxResponse } from "../http";
import type { QuoteRec } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import { newId, stamp, type ApiContext } from "./context";
import { existingContact } from "./document-contact";
import { badRequestMessage, MSG, notFound } from "./errors";
import { parseDateInput } from "./format";
import { amountTypesOf, buildLines, totals } from "./lines";
import { csvParam, listQuery } from "./list-query";
import { quoteJson } from "./serialise";

type QuoteStatus = QuoteRec["Status"];
const NEXT: Record<QuoteStatus, QuoteStatus[]> = {
  DRAFT: ["DRAFT", "SENT", "DELETED"],
  SENT: ["SENT", "ACCEPTED", "DECLINED", "DRAFT"],
  ACCEPTED: ["ACCEPTED", "INVOICED", "SENT"],
  DECLINED: ["DECLINED", "SENT"],
  INVOICED: ["INVOICED"],
  DELETED: [],
};

export function getQuotes(ctx: ApiContext, id?: string): SandboxResponse {
  const { org } = ctx;
  if (id) {
    const q = org.quotes.get(id);
    return q ? envelope(ctx, "Quotes", [quoteJson(org, q)]) : notFound();
  }
  const statuses = csvParam(ctx.req, "Status")?.map((s) => s.toUpperCase());
  const contactId = csvParam(ctx.req, "ContactID")?.[0]?.toLowerCase();
  const page = listQuery(ctx.req, org.quotes.all(), (q) => quoteJson(org, q), {
    paged: true,
    prefilter: (q) => (!statuses || statuses.includes(q.Status)) && (!contactId || q.ContactID.toLowerCase() === contactId),
  });
  // Quotes take `page` but answer without a pagination object.
  return envelope(ctx, "Quotes", page.items);
}

export function writeQuotes(ctx: ApiContext, mode: "create" | "upsert", pathId?: string): SandboxResponse {
  const elements = elementsOf(ctx.req.json, "Quotes");
  if (!elements) return badRequestMessage("The request body could not be read as Quotes.");
  const outcomes = elements.map((el) => applyQuote(ctx, el, mode, pathId));
  ctx.sandbox.changed();
  return answerBatch(ctx, "Quotes", outcomes);
}

function applyQuote(ctx: ApiContext, el: Record<string, unknown>, mode: "create" | "upsert", pathId?: string): ElementOutcome {
  const { org } = ctx;
  const errors: string[] = [];
  const id = pathId ?? field<string>(el, "QuoteID");
  const existing = mode === "upsert" && id ? org.quotes.get(id) : undefined;
  if (id && mode === "upsert" && !existing) return { json: { ...el }, errors: ["Quote could not be found"], warnings: [] };
  const target = (field<string>(el, "Status")?.toUpperCase() ?? existing?.Status ?? "DRAFT") as QuoteStatus;
  if (existing ? !NEXT[existing.Status].includes(target) : !["DRAFT", "SENT"].includes(target)) {
    return { json: { ...el }, errors: [`A quote cannot move from ${existing?.Status ?? "new"} to ${target}`], warnings: [] };
  }
  const contactRaw = field<Record<string, unknown>>(el, "Contact");
  const contact = contactRaw || !existing ? existingContact(ctx, contactRaw, errors) : org.contacts.get(existing.ContactID);
  const date = parseDateInput(field(el, "Date")) ?? existing?.Date;
  if (!date) errors.push(MSG.dateRequired);
  const currency = (field<string>(el, "CurrencyCode") ?? existing?.CurrencyCode ?? org.profile.baseCurrency).toUpperCase();
  if (!org.hasCurrency(currency)) errors.push(MSG.currency(currency));
  const amountTypes = amountTypesOf(field(el, "LineAmountTypes"), existing?.LineAmountTypes ?? "Exclusive");
  const rawLines = field(el, "LineItems");
  const lines = rawLines !== undefined ? buildLines(org, rawLines, amountTypes, { strict: false, sales: true }, errors) : (existing?.LineItems ?? []);
  if (!lines.length) errors.push(MSG.noLines);
  if (errors.length) return { json: { ...el }, errors, warnings: [] };

  const record: QuoteRec = existing ?? {
    QuoteID: newId(),
    QuoteNumber: field<string>(el, "QuoteNumber") ?? `QU-${String(++org.quoteSeq).padStart(4, "0")}`,
    ContactID: contact!.ContactID,
    Date: date!,
    Status: target,
    LineAmountTypes: amountTypes,
    CurrencyCode: currency,
    LineItems: [],
    SubTotal: 0,
    TotalTax: 0,
    Total: 0,
    UpdatedDateUTC: 0,
  };
  Object.assign(record, { ContactID: contact!.ContactID, Date: date, Status: target, LineAmountTypes: amountTypes, CurrencyCode: currency, LineItems: lines, ...totals(lines, amountTypes) });
  for (const key of ["Title", "Summary", "Reference"] as const) {
    const v = field<string>(el, key);
    if (v !== undefined) record[key] = v;
  }
  const expiry = parseDateInput(field(el, "ExpiryDate"));
  if (expiry) record.ExpiryDate = expiry;
  record.UpdatedDateUTC = stamp(ctx);
  org.quotes.put(record);
  return { json: quoteJson(org, record), errors: [], warnings: [] };
}
