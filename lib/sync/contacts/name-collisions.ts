import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, syncReviews, type Customer, type SyncItem } from "@/db/schema";
import { fixFor } from "../causes";
import { settleFailed, settleSkipped } from "../outbox/settle-items";
import type { SyncLogInput, SyncTrigger } from "../sync-log";
import { findActiveContactsByName } from "../xero-reads";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { updatedAtOf } from "../xero-values";
import { xeroContactValues } from "./contact-fields";
import { saveXeroContact } from "./link-customer";
import { mergeIntoCustomer } from "./merge-into-customer";

/**
 * New customers whose name Xero already has (its unique-name rule). The existing contact is the same
 * customer when the emails match (and it is not linked to another customer): link them and merge the
 * contact into the customer as a first sync (an empty CRM field takes Xero's value, never blanks it),
 * and only what the CRM adds goes to that contact next. Otherwise nothing is guessed: the row fails
 * with Xero's message and a review asks a person to link, rename or skip (the candidates are
 * mirrored, so the link merges from the mirror without another call).
 */
export async function resolveNameCollisions(db: Db, orgId: string, token: string, collisions: { item: SyncItem; customer: Customer; xeroMessage: string }[], trigger: SyncTrigger) {
  const { contacts, xeroTenantId } = await findActiveContactsByName(db, orgId, [...new Set(collisions.map((c) => c.customer.name))]);
  const log: SyncLogInput[] = [];
  let linked = 0;
  let failed = 0;
  if (!xeroTenantId) return { log, linked, failed };
  // Links, mirror rows, reviews and settles from this answer only while these books are still the organisation's.
  await writeForXeroTenant(db, orgId, xeroTenantId, async (tx) => {
    const taken = new Set(
      (
        await tx
          .select({ xeroContactId: customers.xeroContactId })
          .from(customers)
          .where(and(eq(customers.orgId, orgId), inArray(customers.xeroContactId, contacts.map((c) => c.contactID!).concat("-"))))
      ).map((r) => r.xeroContactId),
    );
    for (const { item, customer, xeroMessage } of collisions) {
      const sameName = contacts.filter((c) => c.name?.trim().toLowerCase() === customer.name.trim().toLowerCase());
      const match = sameName.find((c) => customer.email && c.emailAddress && c.emailAddress.trim().toLowerCase() === customer.email.toLowerCase() && !taken.has(c.contactID!));
      if (match) {
        await saveXeroContact(tx, orgId, match, { customerId: customer.id, synced: null });
        taken.add(match.contactID!);
        // Deleted or merged away meanwhile: the link did not take, and the accountant's contact stays as it was.
        const [still] = await tx
          .select({ id: customers.id })
          .from(customers)
          .where(and(eq(customers.orgId, orgId), eq(customers.id, customer.id), eq(customers.xeroContactId, match.contactID!)));
        if (!still) {
          await settleSkipped(tx, token, item, { code: "deleted", message: "The customer was deleted before it synced." });
          continue;
        }
        await settleSkipped(tx, token, item, { code: "linked", message: `Linked to the Xero contact of the same name and email; the two were merged field by field.` });
        log.push({ orgId, recordType: "customer", recordId: customer.id, xeroId: match.contactID, direction: "push", operation: "link", result: "ok", message: "Same name and email as an existing Xero contact: linked instead of creating a duplicate.", trigger });
        // The merge queues the push itself when the CRM holds something the contact lacks.
        const merged = await mergeIntoCustomer(tx, orgId, { ...customer, xeroContactId: match.contactID! }, { xeroContactId: match.contactID!, values: xeroContactValues(match), updatedAt: updatedAtOf(match.updatedDateUTC), synced: null }, trigger);
        if (merged) log.push(merged);
        linked++;
        continue;
      }
      await settleFailed(tx, token, item, { code: "duplicate_contact", message: fixFor("duplicate_contact", `customer "${customer.name}"`, xeroMessage), xeroMessage });
      if (sameName[0]) {
        for (const c of sameName) await saveXeroContact(tx, orgId, c, { customerId: null, synced: null });
        await tx
          .insert(syncReviews)
          .values({ orgId, customerId: customer.id, xeroContactId: sameName[0].contactID, candidates: sameName.map((c) => ({ id: c.contactID!, name: c.name ?? "", email: c.emailAddress ?? null })), reason: `Xero already has an active contact named "${customer.name}" with ${sameName[0].emailAddress ? `the email ${sameName[0].emailAddress}` : "no email"}.` })
          .onConflictDoNothing();
      }
      log.push({ orgId, recordType: "customer", recordId: customer.id, direction: "push", operation: "create", result: "failed", message: xeroMessage, trigger });
      failed++;
    }
  });
  return { log, linked, failed };
}

/**
 * The fix for a linked customer renamed to a name another active Xero contact has. Nothing is
 * relinked or merged on a guess: the person picks another name or tidies up Xero.
 */
export function renameRefusedFix(what: string, name: string): string {
  return `Xero already has another active contact named "${name}", so ${what} was not renamed there and stays linked to its own contact. Pick a name Xero does not have yet, or archive or merge the other contact in Xero, then retry ${what}.`;
}
