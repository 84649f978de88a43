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
 * changed.
 */
export async function mergeIntoCustomer(
  db: Db,
  orgId: string,
  customer: Customer,
  xero: { xeroContactId: string; values: SyncedContactValues; updatedAt: Date; synced: SyncedContactValues | null },
  trigger: SyncTrigger,
): Promise<SyncLogInput | null> {
  const before = customerValues(customer);
  const merged = mergeContact({ crm: before, crmUpdatedAt: customer.updatedAt, xero: xero.values, xeroUpdatedAt: xero.updatedAt, synced: xero.synced });
  const changed = Object.keys(merged.toCrm) as (keyof SyncedContactValues)[];
  await db.transaction(async (tx) => {
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
  });
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
  };
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
