import { and, eq, sql } from "drizzle-orm";
import type { Contact } from "xero-node";
import type { Db } from "@/db";
import { customers, xeroContacts, type SyncedContactValues } from "@/db/schema";
import { xeroContactValues } from "./contact-fields";

const toDate = (d: Date | string | undefined) => (d ? new Date(d) : new Date());

/**
 * Records a Xero contact in the mirror, linked to `customerId` (or not), with `synced` as the values
 * both sides agree on (null when not linked). Linking sets the customer's xeroContactId without
 * touching its updatedAt, which the merge reads as "when the CRM last changed".
 */
export async function saveXeroContact(db: Db, orgId: string, contact: Contact, link: { customerId: string | null; synced: SyncedContactValues | null }): Promise<void> {
  const values = xeroContactValues(contact);
  const row = {
    orgId,
    xeroContactId: contact.contactID!,
    customerId: link.customerId,
    contactNumber: contact.contactNumber ?? null,
    status: String(contact.contactStatus ?? "ACTIVE"),
    name: values.name ?? "",
    email: values.email,
    isCustomer: contact.isCustomer ?? false,
    isSupplier: contact.isSupplier ?? false,
    values,
    syncedValues: link.synced,
    xeroUpdatedAt: toDate(contact.updatedDateUTC),
  };
  await db
    .insert(xeroContacts)
    .values(row)
    .onConflictDoUpdate({ target: [xeroContacts.orgId, xeroContacts.xeroContactId], set: { ...row, customerId: link.customerId ?? sql`${xeroContacts.customerId}`, syncedValues: link.synced ?? sql`${xeroContacts.syncedValues}` } });
  if (link.customerId) {
    await db
      .update(customers)
      .set({ xeroContactId: contact.contactID! })
      .where(and(eq(customers.orgId, orgId), eq(customers.id, link.customerId), sql`${customers.xeroContactId} is distinct from ${contact.contactID!}`));
  }
}
