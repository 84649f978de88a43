import type { SandboxResponse } from "../http";
import type { Address, ContactRec, Phone } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import { newId, stamp, type ApiContext } from "./context";
import { badRequestMessage, MSG, notFound } from "./errors";
import { csvParam, listQuery, param } from "./list-query";
import { contactJson } from "./serialise";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function getContacts(ctx: ApiContext, id?: string): SandboxResponse {
  const { org } = ctx;
  if (id) {
    const c = org.contacts.get(id) ?? [...org.contacts.values()].find((x) => x.ContactNumber?.toLowerCase() === id.toLowerCase());
    return c ? envelope(ctx, "Contacts", [contactJson(org, c)]) : notFound();
  }
  const ids = csvParam(ctx.req, "IDs")?.map((s) => s.toLowerCase());
  const search = param(ctx.req, "searchTerm")?.toLowerCase();
  const includeArchived = param(ctx.req, "includeArchived")?.toLowerCase() === "true";
  const page = listQuery(ctx.req, org.contacts.all(), (c) => contactJson(org, c), {
    paged: true,
    prefilter: (c) =>
      (includeArchived || c.ContactStatus !== "ARCHIVED" || !!ids) &&
      (!ids || ids.includes(c.ContactID.toLowerCase())) &&
      (!search || [c.Name, c.FirstName, c.LastName, c.ContactNumber, c.EmailAddress].some((v) => v?.toLowerCase().includes(search))),
  });
  return envelope(ctx, "Contacts", page.items, page.pagination);
}

export function writeContacts(ctx: ApiContext, mode: "create" | "upsert", pathId?: string): SandboxResponse {
  const elements = elementsOf(ctx.req.json, "Contacts");
  if (!elements) return badRequestMessage("The request body could not be read as Contacts.");
  const outcomes = elements.map((el) => applyContact(ctx, el, mode, pathId));
  ctx.sandbox.changed();
  return answerBatch(ctx, "Contacts", outcomes);
}

function applyContact(ctx: ApiContext, el: Record<string, unknown>, mode: "create" | "upsert", pathId?: string): ElementOutcome {
  const { org } = ctx;
  const givenId = pathId ?? field<string>(el, "ContactID");
  const number = field<string>(el, "ContactNumber");
  let existing: ContactRec | undefined;
  if (mode === "upsert") {
    if (givenId) existing = org.contacts.get(givenId);
    else if (number) existing = [...org.contacts.values()].find((c) => c.ContactNumber?.toLowerCase() === number.toLowerCase());
  }
  const errors: string[] = [];
  const name = (field<string>(el, "Name") ?? existing?.Name ?? "").trim();
  const status = (field<string>(el, "ContactStatus") ?? existing?.ContactStatus ?? "ACTIVE").toUpperCase() as ContactRec["ContactStatus"];
  const email = field<string>(el, "EmailAddress");

  if (givenId && mode === "upsert" && !existing) errors.push(MSG.contactNotFound);
  else if (!name) errors.push(MSG.contactIdentify);
  if (name && status === "ACTIVE" && org.activeContactByName(name, existing?.ContactID)) errors.push(MSG.contactNameTaken(name));
  if (email && !EMAIL.test(email.trim())) errors.push(MSG.email);
  if (number && number.length > 50) errors.push(MSG.contactNumberLength);
  if (!existing && org.contactLimit !== null) {
    const active = [...org.contacts.values()].filter((c) => c.ContactStatus === "ACTIVE").length;
    if (active >= org.contactLimit) errors.push(MSG.contactLimit(org.contactLimit));
  }
  if (errors.length) return { json: { ...el }, errors, warnings: [] };

  const record: ContactRec = existing ?? { ContactID: newId(), ContactStatus: "ACTIVE", Name: name, Addresses: [], Phones: [], UpdatedDateUTC: 0 };
  record.Name = name;
  record.ContactStatus = status;
  for (const key of ["ContactNumber", "AccountNumber", "FirstName", "LastName", "TaxNumber", "Website", "DefaultCurrency"] as const) {
    const v = field<string>(el, key);
    if (v !== undefined) record[key] = v;
  }
  if (email !== undefined) record.EmailAddress = email.trim();
  const addresses = field<Address[]>(el, "Addresses");
  if (Array.isArray(addresses)) record.Addresses = mergeByType(record.Addresses, addresses, "AddressType");
  const phones = field<Phone[]>(el, "Phones");
  if (Array.isArray(phones)) record.Phones = mergeByType(record.Phones, phones, "PhoneType");
  const terms = field<ContactRec["PaymentTerms"]>(el, "PaymentTerms");
  if (terms) record.PaymentTerms = terms;
  record.UpdatedDateUTC = stamp(ctx);
  org.contacts.put(record);
  ctx.sandbox.webhooks.emit({ resourceUrl: `${ctx.sandbox.baseUrl}/api.xro/2.0/Contacts/${record.ContactID}`, resourceId: record.ContactID, eventType: existing ? "UPDATE" : "CREATE", eventCategory: "CONTACT", tenantId: org.tenantId });
  return { json: contactJson(org, record), errors: [], warnings: [] };
}

/** Xero keeps one address (and phone) per type: a sent one replaces the stored one of that type. */
function mergeByType<T extends object>(current: T[], incoming: T[], key: keyof T): T[] {
  const out = [...current];
  for (const item of incoming) {
    const i = out.findIndex((c) => String(c[key]).toUpperCase() === String(item[key]).toUpperCase());
    if (i >= 0) out[i] = { ...out[i], ...item };
    else out.push(item);
  }
  return out;
}
