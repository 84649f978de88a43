import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, organizations, subscriptionLines, subscriptions, type Subscription, type SubscriptionLine } from "@/db/schema";
import { todayIn } from "@/lib/calendar";
import { AppError, notFound } from "@/lib/errors";
import { logActivity } from "./activity";
import { nextBillingOnOrAfter } from "./billing-schedule";
import { buildLines } from "./build-lines";
import type { CrmActor } from "./crm-actor";
import { afterCursor, decodeCursor, pageOf } from "./cursor";
import { getCustomer } from "./customers";
import { enqueueRemoval, enqueueSync } from "./outbox";
import { assertCanManageCatalog } from "./record-access";
import type { SubscriptionUpdate } from "./schemas";
import { onUniqueViolation } from "./unique-violation";

const externalIdTaken = onUniqueViolation("externalId", "Another subscription already has this external id.");

export async function getSubscription(db: Db, orgId: string, id: string): Promise<Subscription & { lines: SubscriptionLine[] }> {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.id, id)));
  if (!row) throw notFound("That subscription");
  const lines = await db.select().from(subscriptionLines).where(eq(subscriptionLines.subscriptionId, id)).orderBy(asc(subscriptionLines.position));
  return { ...row, lines };
}

/**
 * Subscriptions become Xero repeating invoices: every change goes to the outbox. On an update, lines
 * left out keep the stored ones; a currency change must bring its lines, priced in the new currency.
 */
export async function saveSubscription(db: Db, actor: CrmActor, id: string | null, input: SubscriptionUpdate): Promise<Subscription> {
  assertCanManageCatalog(actor);
  return db.transaction(async (tx) => {
    const customer = await getCustomer(tx, actor.orgId, input.customerId).catch(() => {
      throw new AppError("validation", "customerId: no such customer.", [{ field: "customerId", message: "Choose one of your customers." }]);
    });
    const current = id ? await getSubscription(tx, actor.orgId, id) : null;
    const currency = input.currency ?? (current ? current.currency : (customer.currency ?? actor.org.baseCurrency));
    const { lines: lineInput, ...fields } = input;
    if (!lineInput && !current) throw new AppError("validation", "lines: add at least one product line.", [{ field: "lines", message: "Add at least one product line." }]);
    if (!lineInput && current && currency !== current.currency) {
      throw new AppError("validation", `currency: changing ${current.currency} to ${currency} needs the lines re-priced in ${currency}.`, [
        { field: "currency", message: `Send the lines with their prices in ${currency} in the same change.` },
      ]);
    }
    const built = lineInput ? await buildLines(tx, actor, lineInput, currency) : null;
    // The organisation's today: an evening in California is not tomorrow, a morning in Auckland not yesterday.
    const [org] = await tx.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, actor.orgId));
    const today = todayIn(org?.timezone ?? "UTC");
    const nextBillingDate = input.nextBillingDate ?? nextBillingOnOrAfter(input.startDate, input.interval, today, input.endDate);
    const values = { ...fields, currency, amount: built ? built.amount : current!.amount, nextBillingDate, status: input.status ?? "active" };
    const [row] = id
      ? await tx
          .update(subscriptions)
          .set({ ...values, updatedAt: sql`now()` })
          .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id)))
          .returning()
          .catch(externalIdTaken)
      : await tx
          .insert(subscriptions)
          .values({ ...values, orgId: actor.orgId })
          .returning()
          .catch(externalIdTaken);
    if (built) {
      await tx.delete(subscriptionLines).where(eq(subscriptionLines.subscriptionId, row.id));
      await tx.insert(subscriptionLines).values(built.lines.map((l) => ({ ...l, orgId: actor.orgId, subscriptionId: row.id })));
    }
    // Paused, cancelled or ended: its repeating invoice is deleted in Xero (the invoices it made stay);
    // active again: a new one is made.
    await enqueueSync(tx, actor.orgId, "subscription", row.id, row.status === "active" ? "upsert" : "archive", row.xeroRepeatingInvoiceId);
    await logActivity(tx, actor, customer.id, `Subscription ${id ? "updated" : "created"} (${row.interval}, ${row.status})`);
    return row;
  });
}

export async function listSubscriptions(db: Db, orgId: string, f: { customerId?: string } = {}) {
  return db
    .select({ subscription: subscriptions, customerName: customers.name })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(eq(subscriptions.orgId, orgId), f.customerId ? eq(subscriptions.customerId, f.customerId) : undefined))
    .orderBy(desc(subscriptions.createdAt))
    .limit(500);
}

export async function listSubscriptionsAfter(db: Db, orgId: string, cursor: string | null, limit: number) {
  const rows = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), afterCursor(subscriptions.createdAt, subscriptions.id, decodeCursor(cursor))))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

export async function deleteSubscription(db: Db, actor: CrmActor, id: string): Promise<void> {
  assertCanManageCatalog(actor);
  await db.transaction(async (tx) => {
    const current = await getSubscription(tx, actor.orgId, id);
    await tx.delete(subscriptions).where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id)));
    await enqueueRemoval(tx, actor.orgId, "subscription", id, current.xeroRepeatingInvoiceId);
  });
}
