import type { Contact, Invoice } from "xero-node";
import type { Db } from "@/db";
import { callXero } from "@/lib/xero/call-xero";

/** Xero's correlation id of an answer, the reference its support asks for. */
export function correlationIdOf(answer: { response?: { headers?: unknown } }): string | null {
  const headers = (answer.response?.headers ?? {}) as Record<string, string | undefined>;
  return headers["xero-correlation-id"] ?? null;
}

/** A `where` clause matching any of the values: `Field=="a" OR Field=="b"` (Xero compares case-insensitively). */
export function anyOf(field: string, values: string[]): string {
  return values.map((v) => `${field}==${JSON.stringify(v)}`).join(" OR ");
}

/** How many values one `where` clause carries: keeps the URL well under Xero's limits. */
const WHERE_CHUNK = 25;

async function contactsWhere(db: Db, orgId: string, field: string, values: string[], label: string): Promise<Contact[]> {
  const out: Contact[] = [];
  for (let i = 0; i < values.length; i += WHERE_CHUNK) {
    const where = anyOf(field, values.slice(i, i + WHERE_CHUNK));
    const answer = await callXero(db, orgId, { method: "GET", path: `/Contacts?where=${label}` }, (xero, tenantId) => xero.accountingApi.getContacts(tenantId, undefined, where, undefined, undefined, 1, false, false, undefined, 1000));
    out.push(...(answer.body.contacts ?? []));
  }
  return out;
}

/** Contacts carrying these ContactNumbers (our customer ids): what an answer-less write may have created. */
export const findContactsByNumber = (db: Db, orgId: string, numbers: string[]) => contactsWhere(db, orgId, "ContactNumber", numbers, "ContactNumber");

/** Active contacts with these names (Xero's unique-name rule is about active contacts). */
export async function findActiveContactsByName(db: Db, orgId: string, names: string[]): Promise<Contact[]> {
  return (await contactsWhere(db, orgId, "Name", names, "Name")).filter((c) => String(c.contactStatus ?? "ACTIVE") === "ACTIVE");
}

/** Sales invoices whose Reference carries one of these markers ([lb:<deal id>]): what a lost write may have created. */
export async function findInvoicesByMarker(db: Db, orgId: string, markers: string[]): Promise<Invoice[]> {
  const out: Invoice[] = [];
  for (let i = 0; i < markers.length; i += WHERE_CHUNK) {
    const where = `Type=="ACCREC" AND (${markers
      .slice(i, i + WHERE_CHUNK)
      .map((m) => `Reference.Contains(${JSON.stringify(m)})`)
      .join(" OR ")})`;
    const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?where=Reference" }, (xero, tenantId) => xero.accountingApi.getInvoices(tenantId, undefined, where, undefined, undefined, undefined, undefined, undefined, 1, false, undefined, 4, false, 1000));
    out.push(...(answer.body.invoices ?? []));
  }
  return out.filter((inv) => String(inv.status) !== "DELETED" && String(inv.status) !== "VOIDED");
}
