import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { assertCan } from "@/lib/tenancy/roles";
import { customers, syncItems, syncReviews, xeroContacts } from "@/db/schema";
import { enqueueSyncMany } from "@/lib/crm/outbox";
import { AppError, notFound } from "@/lib/errors";
import { mergeIntoCustomer } from "../contacts/merge-into-customer";
import { logSync } from "../sync-log";
import { DUPLICATE_REVIEW } from "./hold-duplicates";

export const reviewDecision = z.discriminatedUnion("action", [
  z.object({ action: z.literal("link"), targetId: z.string().min(1, "Choose which record it is.").max(100) }),
  z.object({ action: z.literal("create") }),
  z.object({ action: z.literal("skip") }),
]);
export type ReviewDecision = z.infer<typeof reviewDecision>;

/**
 * A person's decision on a contact the sync would not match alone. Link: the two become one
 * (merged field by field, then kept in step). Create: the Xero contact becomes a new CRM customer.
 * Skip: they stay apart. For customers that look like duplicates of each other, Skip is "they
 * differ" (merging is the merge screen's). The customers the review held back resume syncing either way.
 */
export async function resolveReview(outer: Db, orgId: string, userId: string, reviewId: string, decision: ReviewDecision): Promise<string> {
  // One transaction holding the review's row lock: two people (or a double click) deciding at
  // once are served in turn, and the second finds it decided instead of linking or creating twice.
  return outer.transaction((db) => decideLocked(db, orgId, userId, reviewId, decision));
}

async function decideLocked(db: Db, orgId: string, userId: string, reviewId: string, decision: ReviewDecision): Promise<string> {
  const [review] = await db
    .select()
    .from(syncReviews)
    .where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.id, reviewId)))
    .for("update");
  if (!review) throw notFound("That review");
  if (review.status !== "open") throw new AppError("conflict", "Someone already decided this one.");
  if (decision.action === "link" && !review.candidates.some((c) => c.id === decision.targetId)) {
    throw new AppError("validation", "targetId: choose one of the records listed.", [{ field: "targetId", message: "Choose one of the records listed." }]);
  }
  const held = review.candidateKind === "customer" || review.candidateKind === DUPLICATE_REVIEW ? review.candidates.map((c) => c.id) : review.customerId ? [review.customerId] : [];

  if (review.candidateKind === DUPLICATE_REVIEW) {
    // Customers that look like one: "they differ" lets each go to Xero; merging is the merge screen's job.
    if (decision.action !== "skip") throw new AppError("conflict", "To merge them, use Merge them (the merge screen picks the values that stay); otherwise say they differ.");
  } else if (review.candidateKind === "customer") {
    // A Xero contact and the customers it could be.
    const [contact] = await db
      .select()
      .from(xeroContacts)
      .where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, review.xeroContactId!)));
    if (!contact) throw new AppError("conflict", "That Xero contact is no longer in the mirror: run a sync, then decide again.");
    if (decision.action === "link") {
      const [customer] = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, decision.targetId)));
      if (!customer) throw notFound("That customer");
      if (customer.xeroContactId) throw new AppError("conflict", `${customer.name} is already linked to another Xero contact.`);
      await db.update(customers).set({ xeroContactId: contact.xeroContactId }).where(eq(customers.id, customer.id));
      const entry = await mergeIntoCustomer(db, orgId, { ...customer, xeroContactId: contact.xeroContactId }, { xeroContactId: contact.xeroContactId, values: contact.values, updatedAt: contact.xeroUpdatedAt, synced: null }, "manual");
      await logSync(db, [{ orgId, recordType: "customer", recordId: customer.id, xeroId: contact.xeroContactId, direction: "pull", operation: "link", result: "ok", message: `Linked to Xero contact "${contact.name}" in review.`, trigger: "manual" }, ...(entry ? [entry] : [])]);
    } else if (decision.action === "create") {
      const [made] = await db
        .insert(customers)
        .values({ orgId, ...contact.values, name: contact.values.name || contact.name, xeroContactId: contact.xeroContactId })
        .returning({ id: customers.id });
      await db.update(xeroContacts).set({ customerId: made.id, syncedValues: contact.values }).where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, contact.xeroContactId)));
      await logSync(db, [{ orgId, recordType: "customer", recordId: made.id, xeroId: contact.xeroContactId, direction: "pull", operation: "import", result: "ok", message: `Created from Xero contact "${contact.name}" in review.`, trigger: "manual" }]);
    }
  } else {
    // A customer whose name Xero already has, and the Xero contacts it could be.
    const [customer] = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, review.customerId!)));
    if (!customer) throw notFound("That customer");
    if (decision.action === "create") throw new AppError("conflict", `Xero allows one active contact named "${customer.name}": rename the customer, or link it to the existing contact.`);
    if (decision.action === "link") {
      const [taken] = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.orgId, orgId), eq(customers.xeroContactId, decision.targetId)));
      if (taken && taken.id !== customer.id) throw new AppError("conflict", "That Xero contact is already linked to another customer.");
      // Merged from the mirror as a first sync, so nothing of the accountant's is overwritten by an empty CRM field.
      const [contact] = await db
        .select()
        .from(xeroContacts)
        .where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, decision.targetId)));
      if (!contact) throw new AppError("conflict", "That Xero contact is no longer in the mirror: run a sync, then decide again.");
      await db.update(customers).set({ xeroContactId: decision.targetId }).where(eq(customers.id, customer.id));
      const entry = await mergeIntoCustomer(db, orgId, { ...customer, xeroContactId: decision.targetId }, { xeroContactId: decision.targetId, values: contact.values, updatedAt: contact.xeroUpdatedAt, synced: null }, "manual");
      await logSync(db, [{ orgId, recordType: "customer", recordId: customer.id, xeroId: decision.targetId, direction: "push", operation: "link", result: "ok", message: "Linked to the existing Xero contact in review; the two were merged field by field.", trigger: "manual" }, ...(entry ? [entry] : [])]);
    } else {
      await db
        .update(syncItems)
        .set({ status: "skipped", lastErrorCode: "skipped_in_review", lastErrorMessage: "Kept out of Xero by a decision in Sync -> Review.", updatedAt: sql`now()` })
        .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, customer.id), eq(syncItems.status, "failed")));
    }
  }
  await db
    .update(syncReviews)
    .set({ status: decision.action === "link" ? "linked" : decision.action === "create" ? "created" : "skipped", resolvedBy: userId, resolvedAt: new Date() })
    .where(and(eq(syncReviews.id, review.id), eq(syncReviews.status, "open")));
  // The customers this review held back go on (a link sends the customer's details to its contact).
  const resume = decision.action === "skip" && review.candidateKind === "contact" ? [] : held;
  if (resume.length) {
    // A duplicate's partner already in Xero has nothing waiting: only those held before their first push go on.
    const firstPushOnly = review.candidateKind === DUPLICATE_REVIEW ? isNull(customers.xeroContactId) : undefined;
    const stillLinkedElsewhere = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.orgId, orgId), inArray(customers.id, resume), firstPushOnly));
    await enqueueSyncMany(db, orgId, "customer", stillLinkedElsewhere.map((c) => c.id), "upsert", null, "manual");
  }
  return outcomeOf(review.candidateKind, decision.action);
}

/** What the person sees once the decision is applied. */
function outcomeOf(kind: string, action: ReviewDecision["action"]): string {
  if (kind === DUPLICATE_REVIEW) return "Kept apart: each goes to Xero as its own contact with the next sync.";
  return action === "link" ? "Linked." : action === "create" ? "Created as a customer." : "Skipped.";
}

/** Open reviews, oldest first (they show Xero contacts' emails: sync operators only). */
export async function listOpenReviews(db: Db, ctx: Pick<OrgContext, "org" | "role">) {
  assertCan(ctx, "sync:operate");
  const orgId = ctx.org.id;
  return db
    .select()
    .from(syncReviews)
    .where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.status, "open")))
    .orderBy(syncReviews.createdAt)
    .limit(200);
}
