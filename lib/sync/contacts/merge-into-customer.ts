import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, xeroContacts, type Customer, type SyncedContactValues } from "@/db/schema";
import { enqueueSync } from "@/lib/crm/outbox";
import type { SyncLogInput, SyncTrigger } from "../sync-log";
import { customerValues } from "./contact-fields";
import { mergeContact, type FieldConflict } from "./merge-contact";

/**
 * Merges a linked Xero contact's values into its customer (mergeContact): the customer takes Xero's
 * newer fields without a push being queued for them, the mirror records the new common base, and a
 * push is queued when the CRM holds values Xero lacks. Returns the log entry, or null when nothing
 * changed. The customer and the mirror row are read again under lock in the merge's transaction: a
 * page of contacts takes a while to work through, and a CRM edit or a push made meanwhile must be
 * what the merge decides on (a customer changed since the page was read is a CRM change), never the
 * caller's snapshot. A copy older than the mirror's (our push saved a newer answer meanwhile) is not
 * merged: the newer state is already applied.
 */
export async function mergeIntoCustomer(
  db: Db,
  orgId: string,
  snapshot: Customer,
  xero: { xeroContactId: string; values: SyncedContactValues; updatedAt: Date; synced: SyncedContactValues | null },
  trigger: SyncTrigger,
): Promise<SyncLogInput | null> {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, orgId), eq(customers.id, snapshot.id)))
      .for("update");
    if (!customer) return null;
    const [mirror] = await tx
      .select({ synced: xeroContacts.syncedValues, updatedAt: xeroContacts.xeroUpdatedAt, customerId: xeroContacts.customerId })
      .from(xeroContacts)
      .where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, xero.xeroContactId)))
      .for("update");
    if (mirror?.updatedAt && mirror.updatedAt.getTime() > xero.updatedAt.getTime()) return null;
    // The base as it is now (a push may have moved it since the page was read); a caller's null (a
    // first link, no common base yet) stays null.
    const synced = xero.synced && mirror?.customerId === customer.id && mirror.synced ? mirror.synced : xero.synced;
    const before = customerValues(customer);
    const merged = mergeContact({ crm: before, crmUpdatedAt: customer.updatedAt, xero: xero.values, xeroUpdatedAt: xero.updatedAt, synced });
    const changed = Object.keys(merged.toCrm) as (keyof SyncedContactValues)[];
    if (changed.length) {
      await tx
        .update(customers)
        .set(toCustomerColumns(merged.toCrm))
        .where(and(eq(customers.orgId, orgId), eq(customers.id, customer.id)));
    }
    await tx
      .update(xeroContacts)
      .set({ customerId: customer.id, syncedValues: merged.synced })
      .where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, xero.xeroContactId)));
    if (merged.pushToXero) await enqueueSync(tx, orgId, "customer", customer.id, "upsert");
    if (!changed.length && !merged.conflicts.length) return null;
    return {
      orgId,
      recordType: "customer",
      recordId: customer.id,
      xeroId: xero.xeroContactId,
      direction: "pull",
      operation: "update",
      result: merged.conflicts.length ? "conflict" : "ok",
      message: describeMerge(customer.name, changed, merged.conflicts),
      trigger,
      details: { changed: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: merged.toCrm[f] }])), conflicts: merged.conflicts },
    } satisfies SyncLogInput;
  });
}

function describeMerge(name: string, changed: string[], conflicts: FieldConflict[]): string {
  const parts: string[] = [];
  const plain = changed.filter((f) => !conflicts.some((c) => c.field === f));
  if (plain.length) parts.push(`${plain.join(", ")} taken from Xero`);
  for (const c of conflicts) {
    const kept = c.winner === "xero" ? c.xero : c.crm;
    const lost = c.winner === "xero" ? c.crm : c.xero;
    parts.push(`${c.field} changed on both sides since the last sync: kept ${c.winner === "xero" ? "Xero's" : "the portal's"} "${kept ?? ""}" (the later change), overwrote "${lost ?? ""}"`);
  }
  return `${name}: ${parts.join("; ")}.`;
}

/** Merge fields to customer columns (the same names; an empty name never reaches the NOT NULL column). */
function toCustomerColumns(values: Partial<SyncedContactValues>): Partial<Customer> {
  const out: Partial<Customer> = {};
  for (const [k, v] of Object.entries(values)) (out as Record<string, unknown>)[k] = v;
  if (out.name === null || out.name === "") delete out.name;
  return out;
}
