import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { crmActivities, customers, deals, subscriptions, xeroCashCredits, xeroContacts, xeroCreditNotes, xeroInvoices, type Customer } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { logActivity } from "./activity";
import type { CrmActor } from "./crm-actor";
import { enqueueRemoval, enqueueSync } from "./outbox";
import { assertCanEditOwned } from "./record-access";

/** The fields a merge lets the user pick, record by record. */
export const MERGE_FIELDS = ["name", "email", "phone", "addressLine1", "addressLine2", "city", "region", "postalCode", "country", "leadSource", "ownerId", "paymentTermDays", "currency", "taxNumber", "notes", "externalId"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const mergeInput = z.object({
  survivorId: z.uuid("Choose the customer that stays."),
  mergedIds: z.array(z.uuid()).min(1, "Choose at least one customer to merge into it.").max(20, "Merge at most 20 at once."),
  /** field -> the id of the customer whose value survives (default: the survivor's). */
  pick: z.record(z.string(), z.uuid()),
});

/**
 * Merges duplicates into one customer in one transaction: picked values move to the survivor,
 * deals, subscriptions and activity are re-pointed, tags are united, the others are deleted, and
 * the outbox learns of it (a merged-away customer already in Xero is archived there).
 */
export async function mergeCustomers(db: Db, actor: CrmActor, input: z.infer<typeof mergeInput>): Promise<Customer> {
  const ids = [input.survivorId, ...input.mergedIds.filter((id) => id !== input.survivorId)];
  if (ids.length < 2) throw new AppError("validation", "mergedIds: choose at least one other customer.", [{ field: "mergedIds", message: "Choose at least one other customer." }]);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, actor.orgId), inArray(customers.id, ids)))
      .for("update");
    if (rows.length !== ids.length) throw new AppError("not_found", "One of those customers was not found (deleted or merged already?). Reload the page.");
    for (const c of rows) assertCanEditOwned(actor, c.ownerId, "customers");
    const byId = new Map(rows.map((c) => [c.id, c]));
    const survivor = byId.get(input.survivorId)!;
    const merged = input.mergedIds.map((id) => byId.get(id)!).filter((c) => c.id !== survivor.id);

    const values: Partial<Customer> = {};
    for (const [field, fromId] of Object.entries(input.pick)) {
      if (!(MERGE_FIELDS as readonly string[]).includes(field)) throw new AppError("validation", `pick.${field}: not a field that can be merged.`, [{ field: `pick.${field}`, message: "Not a mergeable field." }]);
      const from = byId.get(fromId);
      if (!from) throw new AppError("validation", `pick.${field}: pick one of the customers being merged.`, [{ field: `pick.${field}`, message: "Pick one of the customers being merged." }]);
      (values as Record<string, unknown>)[field] = from[field as MergeField];
    }
    const tags = [...new Set(rows.flatMap((c) => c.tags))];
    const xeroContactId = survivor.xeroContactId ?? merged.find((c) => c.xeroContactId)?.xeroContactId ?? null;
    const mergedIds = merged.map((c) => c.id);

    await tx.update(deals).set({ customerId: survivor.id, updatedAt: sql`now()` }).where(and(eq(deals.orgId, actor.orgId), inArray(deals.customerId, mergedIds)));
    await tx.update(subscriptions).set({ customerId: survivor.id, updatedAt: sql`now()` }).where(and(eq(subscriptions.orgId, actor.orgId), inArray(subscriptions.customerId, mergedIds)));
    await tx.update(crmActivities).set({ customerId: survivor.id }).where(and(eq(crmActivities.orgId, actor.orgId), inArray(crmActivities.customerId, mergedIds)));
    // The merged-away customers' Xero contacts (and what was mirrored for them) are the survivor's
    // now: their invoices, payments and credits stay in its history, balances and lifetime value.
    await tx.update(xeroContacts).set({ customerId: survivor.id }).where(and(eq(xeroContacts.orgId, actor.orgId), inArray(xeroContacts.customerId, mergedIds)));
    await tx.update(xeroInvoices).set({ customerId: survivor.id }).where(and(eq(xeroInvoices.orgId, actor.orgId), inArray(xeroInvoices.customerId, mergedIds)));
    await tx.update(xeroCreditNotes).set({ customerId: survivor.id }).where(and(eq(xeroCreditNotes.orgId, actor.orgId), inArray(xeroCreditNotes.customerId, mergedIds)));
    await tx.update(xeroCashCredits).set({ customerId: survivor.id }).where(and(eq(xeroCashCredits.orgId, actor.orgId), inArray(xeroCashCredits.customerId, mergedIds)));
    // Unique external ids: free them before the survivor may take one over.
    await tx.update(customers).set({ externalId: null }).where(inArray(customers.id, mergedIds));
    await tx.delete(customers).where(and(eq(customers.orgId, actor.orgId), inArray(customers.id, mergedIds)));
    const [result] = await tx
      .update(customers)
      .set({ ...values, tags, xeroContactId, updatedAt: sql`now()` })
      .where(eq(customers.id, survivor.id))
      .returning();
    for (const c of merged) {
      // The survivor keeps one Xero contact; any other one merged away is archived in Xero.
      await enqueueRemoval(tx, actor.orgId, "customer", c.id, c.xeroContactId && c.xeroContactId !== xeroContactId ? c.xeroContactId : null);
    }
    await enqueueSync(tx, actor.orgId, "customer", survivor.id, "upsert");
    await logActivity(tx, actor, survivor.id, `Merged ${merged.map((c) => `"${c.name}"`).join(", ")} into this customer`);
    return result;
  });
}
