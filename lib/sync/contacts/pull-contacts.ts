import { and, eq, inArray } from "drizzle-orm";
import type { Contact } from "xero-node";
import type { Db } from "@/db";
import { customers, xeroContacts } from "@/db/schema";
import { notStale } from "../mirror-helpers";
import { updatedAtOf } from "../xero-values";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { xeroContactValues } from "./contact-fields";
import { saveXeroContact } from "./link-customer";
import { mergeIntoCustomer } from "./merge-into-customer";

export interface ContactPullResult {
  received: number;
  updatedCustomers: number;
  /** Contacts linked to no customer: for matching. */
  unlinked: string[];
}

/**
 * Xero contacts as pulled (a page of the import, an incremental pull, or those a webhook named):
 * each is mirrored, and one linked to a customer is merged into it field by field.
 */
export async function applyPulledContacts(db: Db, orgId: string, pulled: Contact[], trigger: SyncTrigger): Promise<ContactPullResult> {
  const pulledIds = pulled.map((c) => c.contactID!).filter(Boolean);
  if (!pulledIds.length) return { received: 0, updatedCustomers: 0, unlinked: [] };
  const stored = await db
    .select({ xeroContactId: xeroContacts.xeroContactId, syncedValues: xeroContacts.syncedValues, updatedAt: xeroContacts.xeroUpdatedAt })
    .from(xeroContacts)
    .where(and(eq(xeroContacts.orgId, orgId), inArray(xeroContacts.xeroContactId, pulledIds)));
  const mirrored = new Map(stored.map((m) => [m.xeroContactId, m.syncedValues]));
  // A snapshot older than the mirror's (a page read before our push saved Xero's answer) would
  // merge old values over a newer CRM edit: it is passed over, the newer state already applied.
  const contacts = notStale(pulled.filter((c) => c.contactID), (c) => updatedAtOf(c.updatedDateUTC), new Map(stored.map((m) => [m.xeroContactId, m.updatedAt])), (c) => c.contactID!);
  const ids = contacts.map((c) => c.contactID!);
  if (!ids.length) return { received: pulled.length, updatedCustomers: 0, unlinked: [] };
  const linked = await db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), inArray(customers.xeroContactId, ids)));
  const byContact = new Map(linked.map((c) => [c.xeroContactId!, c]));

  const log: SyncLogInput[] = [];
  const unlinked: string[] = [];
  let updatedCustomers = 0;
  for (const contact of contacts) {
    const customer = byContact.get(contact.contactID!);
    await saveXeroContact(db, orgId, contact, { customerId: customer?.id ?? null, synced: null });
    if (!customer) {
      unlinked.push(contact.contactID!);
      continue;
    }
    const entry = await mergeIntoCustomer(db, orgId, customer, { xeroContactId: contact.contactID!, values: xeroContactValues(contact), updatedAt: updatedAtOf(contact.updatedDateUTC), synced: mirrored.get(contact.contactID!) ?? null }, trigger);
    if (entry) {
      log.push(entry);
      if (Object.keys((entry.details?.changed as object) ?? {}).length) updatedCustomers++;
    }
  }
  await logSync(db, log);
  return { received: pulled.length, updatedCustomers, unlinked };
}
