import { and, eq, inArray, isNotNull, sql, type AnyColumn } from "drizzle-orm";
import type { Allocation } from "xero-node";
import type { Db } from "@/db";
import { customers, xeroContacts } from "@/db/schema";

/**
 * Our customer for each Xero contact id that is linked to one (mirrored documents carry it): the
 * customer's own link, else the mirror's, which keeps a merged-away contact on the survivor.
 */
export async function customersByContact(db: Db, orgId: string, contactIds: (string | undefined | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(contactIds.filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const [own, mirrored] = await Promise.all([
    db.select({ id: customers.id, xeroContactId: customers.xeroContactId }).from(customers).where(and(eq(customers.orgId, orgId), inArray(customers.xeroContactId, ids))),
    db.select({ id: xeroContacts.customerId, xeroContactId: xeroContacts.xeroContactId }).from(xeroContacts).where(and(eq(xeroContacts.orgId, orgId), inArray(xeroContacts.xeroContactId, ids), isNotNull(xeroContacts.customerId))),
  ]);
  return new Map([...mirrored.map((r) => [r.xeroContactId, r.id!] as const), ...own.map((r) => [r.xeroContactId!, r.id] as const)]);
}

/**
 * The guard of every mirror upsert: the row replaces the stored one only when Xero changed it no
 * earlier. Pushes, pulls and webhook fetches run side by side, so an answer or a page read before
 * a newer one was saved must not take the mirror back in time.
 */
export const storedIsNotNewer = (storedUpdatedAt: AnyColumn) => sql`excluded.xero_updated_at >= ${storedUpdatedAt}`;

/** A credit's allocations that stand: to an invoice, and not deleted in Xero (credit notes, overpayments, prepayments). */
export const liveAllocations = (list: Allocation[] | undefined) => (list ?? []).filter((a) => a.invoice?.invoiceID && !a.isDeleted);

/** Of the incoming records, those newer than (or as new as) what the mirror holds. */
export function notStale<T>(incoming: T[], updatedAtOf: (r: T) => Date, storedAt: Map<string, Date>, idOf: (r: T) => string): T[] {
  return incoming.filter((r) => {
    const stored = storedAt.get(idOf(r));
    return !stored || updatedAtOf(r).getTime() >= stored.getTime();
  });
}

/** The `set` of an upsert that takes every listed column from the row being inserted (`excluded.`). */
export function excludedSet(columns: string[]) {
  return Object.fromEntries(columns.map((c) => [c.replace(/_(\w)/g, (_, x: string) => x.toUpperCase()), sql.raw(`excluded.${c}`)]));
}
