import type { Db } from "@/db";
import { crmActivities, customers } from "@/db/schema";
import type { CrmActor } from "../crm-actor";
import { enqueueSyncMany } from "../outbox";
import type { CustomerInput } from "../schemas";
import { bulkUpdateCustomers } from "./bulk-update-customers";
import type { PlannedRecord } from "./import-plan";

/**
 * Writes one chunk of planned customers in set-based statements (one insert for the new ones,
 * their outbox rows and activity in two more), so 10,000 rows cost dozens of statements, not
 * tens of thousands. Updates go one statement per shape of row.
 */
export async function writeCustomers(tx: Db, actor: CrmActor, records: PlannedRecord<CustomerInput>[]): Promise<{ created: number; updated: number }> {
  const fresh = records.filter((r) => !r.existingId);
  const changed = records.filter((r) => r.existingId);
  const touched: string[] = [];
  if (fresh.length) {
    const ownerId = actor.userId;
    const inserted = await tx
      .insert(customers)
      .values(fresh.map((r) => ({ ...r.input, tags: r.input.tags ?? [], orgId: actor.orgId, ownerId })))
      .returning({ id: customers.id });
    touched.push(...inserted.map((c) => c.id));
    await tx.insert(crmActivities).values(inserted.map((c) => ({ orgId: actor.orgId, customerId: c.id, actorId: actor.userId, via: "import", summary: "Customer created (CSV import)" })));
  }
  if (changed.length) {
    await bulkUpdateCustomers(
      tx,
      actor.orgId,
      changed.map((r) => ({ id: r.existingId!, input: r.input })),
    );
    touched.push(...changed.map((r) => r.existingId!));
  }
  if (changed.length) {
    await tx.insert(crmActivities).values(changed.map((r) => ({ orgId: actor.orgId, customerId: r.existingId!, actorId: actor.userId, via: "import", summary: "Updated from CSV import" })));
  }
  await enqueueSyncMany(tx, actor.orgId, "customer", touched, "upsert");
  return { created: fresh.length, updated: changed.length };
}
