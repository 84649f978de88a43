import { and, eq, isNull, sql } from "drizzle-orm";
import type { Contact } from "xero-node";
import type { Db } from "@/db";
import { customers, xeroContacts, type SyncedContactValues } from "@/db/schema";
import { storedIsNotNewer } from "../mirror-helpers";
import { updatedAtOf } from "../xero-values";
import { mirroredContactValues } from "./contact-fields";

/**
 * Records a Xero contact in the mirror, linked to `customerId` (or not), with `synced` as the values
 * both sides agree on (null when not linked). Linking sets the customer's xeroContactId without
 * touching its updatedAt, which the merge reads as "when the CRM last changed", and only where it
 * is not set: a customer linked to one contact is never moved to another here, since its invoices
 * and history hang on that link (moving it is a person's decision in Sync -> Review, not a save).
 */
export async function saveXeroContact(db: Db, orgId: string, contact: Contact, link: { customerId: string | null; synced: SyncedContactValues | null }): Promise<void> {
  const values = mirroredContactValues(contact);
  // The mirror names the customer only if the customer is free or already on this contact, so the two halves of a link agree.
  const customerId = link.customerId
    ? sql`(select ${customers.id} from ${customers} where ${customers.id} = ${link.customerId} and (${customers.xeroContactId} is null or ${customers.xeroContactId} = ${contact.contactID!}))`
    : null;
  const row = {
    orgId,
    xeroContactId: contact.contactID!,
    customerId,
    contactNumber: contact.contactNumber ?? null,
    status: String(contact.contactStatus ?? "ACTIVE"),
    name: values.name ?? "",
    email: values.email,
    isCustomer: contact.isCustomer ?? false,
    isSupplier: contact.isSupplier ?? false,
    values,
    syncedValues: link.synced,
    xeroUpdatedAt: updatedAtOf(contact.updatedDateUTC),
  };
  await db
    .insert(xeroContacts)
    .values(row)
    .onConflictDoUpdate({
      target: [xeroContacts.orgId, xeroContacts.xeroContactId],
      set: { ...row, customerId: customerId ? sql`coalesce(${customerId}, ${xeroContacts.customerId})` : sql`${xeroContacts.customerId}`, syncedValues: link.synced ?? sql`${xeroContacts.syncedValues}` },
      // An older copy than the mirror's (a page read before our push saved Xero's answer) leaves the values alone...
      setWhere: storedIsNotNewer(xeroContacts.xeroUpdatedAt),
    });
  if (link.customerId) {
    // ...but a link it carries still holds.
    await db
      .update(xeroContacts)
      .set({ customerId: sql`coalesce(${customerId}, ${xeroContacts.customerId})` })
      .where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, contact.contactID!), isNull(xeroContacts.customerId)));
    await db
      .update(customers)
      .set({ xeroContactId: contact.contactID! })
      .where(and(eq(customers.orgId, orgId), eq(customers.id, link.customerId), isNull(customers.xeroContactId)));
  }
}
