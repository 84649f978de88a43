import type { Contact, Invoice, Payment } from "xero-node";
import type { Db } from "@/db";
import { callXero } from "@/lib/xero/call-xero";
import { XeroOrganisationSwitchedError } from "@/lib/xero/tenant-fence";

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

/** A read of several calls is of one set of books: a switch between two of its calls voids it. */
function sameBooks(sofar: string | null, answer: { xeroTenantId: string }): string {
  if (sofar !== null && sofar !== answer.xeroTenantId) throw new XeroOrganisationSwitchedError();
  return answer.xeroTenantId;
}

/** Contacts found by a `where` over these values, and the books that answered (null when nothing was asked). */
export interface FoundContacts {
  contacts: Contact[];
  xeroTenantId: string | null;
}

async function contactsWhere(db: Db, orgId: string, field: string, values: string[], label: string): Promise<FoundContacts> {
  const out: Contact[] = [];
  let books: string | null = null;
  for (let i = 0; i < values.length; i += WHERE_CHUNK) {
    const where = anyOf(field, values.slice(i, i + WHERE_CHUNK));
    const answer = await callXero(db, orgId, { method: "GET", path: `/Contacts?where=${label}` }, (xero, tenantId) => xero.accountingApi.getContacts(tenantId, undefined, where, undefined, undefined, 1, false, false, undefined, 1000));
    books = sameBooks(books, answer);
    out.push(...(answer.body.contacts ?? []));
  }
  return { contacts: out, xeroTenantId: books };
}

/** Contacts carrying these ContactNumbers (our customer ids): what an answer-less write may have created. */
export const findContactsByNumber = (db: Db, orgId: string, numbers: string[]) => contactsWhere(db, orgId, "ContactNumber", numbers, "ContactNumber");

/** Active contacts with these names (Xero's unique-name rule is about active contacts). */
export async function findActiveContactsByName(db: Db, orgId: string, names: string[]): Promise<FoundContacts> {
  const found = await contactsWhere(db, orgId, "Name", names, "Name");
  return { ...found, contacts: found.contacts.filter((c) => String(c.contactStatus ?? "ACTIVE") === "ACTIVE") };
}

/**
 * Sales invoices whose Reference carries one of these markers ([lb:<deal id>]): what a lost write may
 * have created, and the books that answered (for writeForXeroTenant; null when nothing was asked).
 */
export async function findInvoicesByMarker(db: Db, orgId: string, markers: string[]): Promise<{ invoices: Invoice[]; xeroTenantId: string | null }> {
  const out: Invoice[] = [];
  let books: string | null = null;
  for (let i = 0; i < markers.length; i += WHERE_CHUNK) {
    const where = `Type=="ACCREC" AND (${markers
      .slice(i, i + WHERE_CHUNK)
      .map((m) => `Reference.Contains(${JSON.stringify(m)})`)
      .join(" OR ")})`;
    const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?where=Reference" }, (xero, tenantId) => xero.accountingApi.getInvoices(tenantId, undefined, where, undefined, undefined, undefined, undefined, undefined, 1, false, undefined, 4, false, 1000));
    books = sameBooks(books, answer);
    out.push(...(answer.body.invoices ?? []));
  }
  return { invoices: out.filter((inv) => String(inv.status) !== "DELETED" && String(inv.status) !== "VOIDED"), xeroTenantId: books };
}

/** Payments whose Reference carries one of these markers ([lb:pay:<id>]): what a lost payment write may have made. */
export async function findPaymentsByMarker(db: Db, orgId: string, markers: string[]): Promise<{ payments: Payment[]; xeroTenantId: string | null }> {
  const out: Payment[] = [];
  let books: string | null = null;
  for (let i = 0; i < markers.length; i += WHERE_CHUNK) {
    const where = markers
      .slice(i, i + WHERE_CHUNK)
      .map((m) => `Reference.Contains(${JSON.stringify(m)})`)
      .join(" OR ");
    const answer = await callXero(db, orgId, { method: "GET", path: "/Payments?where=Reference" }, (xero, tenantId) => xero.accountingApi.getPayments(tenantId, undefined, where, undefined, 1, 100));
    books = sameBooks(books, answer);
    out.push(...(answer.body.payments ?? []));
  }
  return { payments: out.filter((p) => String(p.status) !== "DELETED"), xeroTenantId: books };
}
