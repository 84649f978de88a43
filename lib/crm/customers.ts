import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, deals, subscriptions, type Customer } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { changedFields as changedContactFields, customerValues } from "@/lib/sync/contacts/contact-fields";
import { logActivity } from "./activity";
import type { CrmActor } from "./crm-actor";
import { assertMemberOf } from "./org-members";
import { enqueueRemoval, enqueueSync } from "./outbox";
import { assertCanEditOwned, assertCanWrite } from "./record-access";
import type { CustomerInput } from "./schemas";
import { onUniqueViolation } from "./unique-violation";

const externalIdTaken = onUniqueViolation("externalId", "Another customer already has this external id.");

export async function getCustomer(db: Db, orgId: string, id: string): Promise<Customer> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  if (!row) throw notFound("That customer");
  return row;
}

/** Sales members own what they create and cannot hand records to someone else. */
async function resolveOwner(db: Db, actor: CrmActor, requested: string | null | undefined, current: string | null): Promise<string | null> {
  if (actor.role === "sales") {
    if (requested && requested !== actor.userId) throw new AppError("forbidden", "Sales members cannot give a record to another owner. Ask an admin.");
    return current ?? actor.userId;
  }
  if (requested === undefined) return current ?? actor.userId;
  if (requested) await assertMemberOf(db, actor.orgId, requested);
  return requested;
}

export async function createCustomer(db: Db, actor: CrmActor, input: CustomerInput): Promise<Customer> {
  assertCanWrite(actor);
  return db.transaction(async (tx) => {
    const ownerId = await resolveOwner(tx, actor, input.ownerId, null);
    const [row] = await tx
      .insert(customers)
      .values({ ...input, tags: input.tags ?? [], orgId: actor.orgId, ownerId })
      .returning()
      .catch(externalIdTaken);
    await enqueueSync(tx, actor.orgId, "customer", row.id, "upsert");
    await logActivity(tx, actor, row.id, `Customer created${actor.via === "portal" ? "" : ` (${actor.via})`}`);
    return row;
  });
}

export async function updateCustomer(db: Db, actor: CrmActor, id: string, patch: Partial<CustomerInput>): Promise<Customer> {
  return db.transaction(async (tx) => {
    const current = await getCustomer(tx, actor.orgId, id);
    assertCanEditOwned(actor, current.ownerId, "customers");
    const ownerId = await resolveOwner(tx, actor, patch.ownerId, current.ownerId);
    const [row] = await tx
      .update(customers)
      .set({ ...patch, ownerId, updatedAt: sql`now()` })
      .where(and(eq(customers.orgId, actor.orgId), eq(customers.id, id)))
      .returning()
      .catch(externalIdTaken);
    // Only a change Xero would see is pushed: re-saving the same values costs no write (and no echo to read).
    if (changedContactFields(customerValues(current), customerValues(row)).length) await enqueueSync(tx, actor.orgId, "customer", id, "upsert");
    const changed = changedFields(current, row);
    if (changed.length) await logActivity(tx, actor, id, `Updated ${changed.join(", ")}`);
    return row;
  });
}

export async function deleteCustomer(db: Db, actor: CrmActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await getCustomer(tx, actor.orgId, id);
    assertCanEditOwned(actor, current.ownerId, "customers");
    const [{ n: dealCount }] = await tx.select({ n: count() }).from(deals).where(and(eq(deals.orgId, actor.orgId), eq(deals.customerId, id)));
    const [{ n: subCount }] = await tx
      .select({ n: count() })
      .from(subscriptions)
      .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.customerId, id)));
    if (dealCount || subCount) {
      throw new AppError(
        "conflict",
        `${current.name} has ${dealCount} deal(s) and ${subCount} subscription(s). Merge this customer into another one (Data health) or delete those first.`,
      );
    }
    await tx.delete(customers).where(and(eq(customers.orgId, actor.orgId), eq(customers.id, id)));
    await enqueueRemoval(tx, actor.orgId, "customer", id, current.xeroContactId);
  });
}

const TRACKED: (keyof Customer)[] = ["name", "email", "phone", "addressLine1", "city", "region", "postalCode", "country", "leadSource", "ownerId", "paymentTermDays", "currency", "taxNumber"];

function changedFields(before: Customer, after: Customer): string[] {
  return TRACKED.filter((k) => String(before[k] ?? "") !== String(after[k] ?? ""));
}
