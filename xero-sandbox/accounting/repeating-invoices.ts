import type { SandboxResponse } from "../http";
import type { RepeatingInvoiceRec } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import { newId, stamp, type ApiContext } from "./context";
import { existingContact } from "./document-contact";
import { badRequestMessage, MSG, notFound } from "./errors";
import { parseDateInput } from "./format";
import { amountTypesOf, buildLines, totals } from "./lines";
import { listQuery } from "./list-query";
import { repeatingInvoiceJson } from "./serialise";

const DUE_TYPES = ["DAYSAFTERBILLDATE", "DAYSAFTERBILLMONTH", "OFCURRENTMONTH", "OFFOLLOWINGMONTH"] as const;

export function getRepeatingInvoices(ctx: ApiContext, id?: string): SandboxResponse {
  const rows = ctx.org.repeatingInvoices.all().filter((r) => !id || r.RepeatingInvoiceID.toLowerCase() === id.toLowerCase());
  if (id && !rows.length) return notFound();
  // Not paged at Xero.
  return envelope(ctx, "RepeatingInvoices", listQuery(ctx.req, rows, (r) => repeatingInvoiceJson(ctx.org, r), { paged: false }).items);
}

export function writeRepeatingInvoices(ctx: ApiContext, mode: "create" | "upsert", pathId?: string): SandboxResponse {
  const elements = elementsOf(ctx.req.json, "RepeatingInvoices");
  if (!elements) return badRequestMessage("The request body could not be read as RepeatingInvoices.");
  const outcomes = elements.map((el) => applyRepeating(ctx, el, mode, pathId));
  ctx.sandbox.changed();
  return answerBatch(ctx, "RepeatingInvoices", outcomes);
}

function applyRepeating(ctx: ApiContext, el: Record<string, unknown>, mode: "create" | "upsert", pathId?: string): ElementOutcome {
  const { org } = ctx;
  const errors: string[] = [];
  const id = pathId ?? field<string>(el, "RepeatingInvoiceID");
  const existing = mode === "upsert" && id ? org.repeatingInvoices.get(id) : undefined;
  if (id && mode === "upsert" && !existing) return { json: { ...el }, errors: ["Repeating invoice could not be found"], warnings: [] };
  const status = (field<string>(el, "Status")?.toUpperCase() ?? existing?.Status ?? "DRAFT") as RepeatingInvoiceRec["Status"];
  if (!["DRAFT", "AUTHORISED", "DELETED"].includes(status) || (!existing && status === "DELETED")) errors.push("Status must be DRAFT or AUTHORISED");
  if (existing?.Status === "DELETED") errors.push("A deleted repeating invoice cannot be changed");

  const raw = field<Record<string, unknown>>(el, "Schedule");
  const period = Number(field(raw, "Period") ?? existing?.Schedule.Period);
  const unit = String(field(raw, "Unit") ?? existing?.Schedule.Unit ?? "").toUpperCase();
  const dueDate = Number(field(raw, "DueDate") ?? existing?.Schedule.DueDate ?? 0);
  const dueType = String(field(raw, "DueDateType") ?? existing?.Schedule.DueDateType ?? "DAYSAFTERBILLDATE").toUpperCase();
  const start = parseDateInput(field(raw, "StartDate")) ?? existing?.Schedule.StartDate;
  const end = parseDateInput(field(raw, "EndDate")) ?? existing?.Schedule.EndDate;
  if (!Number.isInteger(period) || period < 1) errors.push("Schedule Period must be a whole number of 1 or more");
  if (unit !== "WEEKLY" && unit !== "MONTHLY") errors.push("Schedule Unit must be WEEKLY or MONTHLY");
  if (!DUE_TYPES.includes(dueType as (typeof DUE_TYPES)[number])) errors.push(`Schedule DueDateType must be one of ${DUE_TYPES.join(", ")}`);
  if (!start) errors.push("Schedule StartDate must be specified");
  if (end && start && end < start) errors.push("Schedule EndDate must be after the StartDate");

  const contactRaw = field<Record<string, unknown>>(el, "Contact");
  const contact = contactRaw || !existing ? existingContact(ctx, contactRaw, errors) : org.contacts.get(existing.ContactID);
  const currency = (field<string>(el, "CurrencyCode") ?? existing?.CurrencyCode ?? org.profile.baseCurrency).toUpperCase();
  if (!org.hasCurrency(currency)) errors.push(MSG.currency(currency));
  const amountTypes = amountTypesOf(field(el, "LineAmountTypes"), existing?.LineAmountTypes ?? "Exclusive");
  const rawLines = field(el, "LineItems");
  const lines = rawLines !== undefined ? buildLines(org, rawLines, amountTypes, { strict: status === "AUTHORISED", sales: true }, errors) : (existing?.LineItems ?? []);
  if (!lines.length && status !== "DELETED") errors.push(MSG.noLines);
  if (errors.length) return { json: { ...el }, errors, warnings: [] };

  const schedule: RepeatingInvoiceRec["Schedule"] = {
    Period: period,
    Unit: unit as "WEEKLY" | "MONTHLY",
    DueDate: dueDate,
    DueDateType: dueType as RepeatingInvoiceRec["Schedule"]["DueDateType"],
    StartDate: start!,
    // A changed start date restarts the schedule from it.
    NextScheduledDate: existing && existing.Schedule.StartDate === start ? existing.Schedule.NextScheduledDate : start,
    EndDate: end,
  };
  const record: RepeatingInvoiceRec = existing ?? {
    RepeatingInvoiceID: newId(),
    Type: "ACCREC",
    ContactID: contact!.ContactID,
    Schedule: schedule,
    LineItems: [],
    LineAmountTypes: amountTypes,
    CurrencyCode: currency,
    Status: status,
    ApprovedForSending: false,
    SubTotal: 0,
    TotalTax: 0,
    Total: 0,
    UpdatedDateUTC: 0,
  };
  Object.assign(record, { ContactID: contact!.ContactID, Schedule: schedule, LineItems: lines, LineAmountTypes: amountTypes, CurrencyCode: currency, Status: status, ...totals(lines, amountTypes) });
  const reference = field<string>(el, "Reference");
  if (reference !== undefined) record.Reference = reference;
  const approved = field<boolean>(el, "ApprovedForSending");
  if (approved !== undefined) record.ApprovedForSending = approved;
  record.UpdatedDateUTC = stamp(ctx);
  org.repeatingInvoices.put(record);
  return { json: repeatingInvoiceJson(org, record), errors: [], warnings: [] };
}
