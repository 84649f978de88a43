import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, syncReviews, type SyncReview } from "@/db/schema";
import { duplicateGroups, type DuplicateGroup } from "@/lib/crm/data-health";

/** The review kind of customers that Data health calls likely duplicates of each other. */
export const DUPLICATE_REVIEW = "duplicate";

type Candidates = SyncReview["candidates"];

/**
 * Of the customers about to get their first Xero contact (`creating`), those to hold back because
 * Data health marks them as likely duplicates of another customer nobody has decided on: one open
 * review per group ("merge them" or "they differ") asks first, so connecting never copies a CRM
 * duplicate into Xero. A pair someone said differs ("they differ", kept as a skipped review naming
 * both) is not asked again; reviews whose customers were merged down to one close themselves.
 */
export async function holdLikelyDuplicates(db: Db, orgId: string, creating: string[]): Promise<Set<string>> {
  if (!creating.length) return new Set();
  const rows = await db
    .select({ id: customers.id, name: customers.name, email: customers.email, createdAt: customers.createdAt, xeroContactId: customers.xeroContactId })
    .from(customers)
    .where(eq(customers.orgId, orgId))
    .orderBy(customers.createdAt, customers.id);
  const existing = new Set(rows.map((r) => r.id));
  const linked = new Set(rows.filter((r) => r.xeroContactId).map((r) => r.id));
  const reviews = await closeMergedDuplicateReviews(db, orgId, existing);
  const open = reviews.filter((r) => r.status === "open");
  const differ = reviews.filter((r) => r.status === "skipped").map((r) => new Set(r.candidates.map((c) => c.id)));
  const decidedApart = (a: string, b: string) => differ.some((ids) => ids.has(a) && ids.has(b));

  const held = new Set<string>();
  const wanted = new Set(creating);
  for (const group of duplicateGroups(rows)) {
    const ids = group.customers.map((c) => c.id);
    const pending = ids.filter((id) => !linked.has(id) && ids.some((other) => other !== id && !decidedApart(id, other)));
    const undecided = pending.filter((id) => wanted.has(id));
    if (!undecided.length) continue;
    undecided.forEach((id) => held.add(id));
    if (open.some((r) => undecided.every((id) => r.candidates.some((c) => c.id === id)))) continue;
    const candidates: Candidates = group.customers.map((c) => ({ id: c.id, name: c.name, email: c.email }));
    // Keyed on the group's oldest customer waiting (the open-customer unique index), so two workers
    // holding members of one group at once leave one review.
    const [made] = await db
      .insert(syncReviews)
      .values({ orgId, customerId: pending[0], candidateKind: DUPLICATE_REVIEW, candidates, reason: duplicateReason(group) })
      .onConflictDoNothing()
      .returning();
    if (made) open.push(made);
  }
  // Held by a review opened earlier (another group member's batch, or a group that since grew).
  for (const r of open) for (const c of r.candidates) if (wanted.has(c.id) && !linked.has(c.id)) held.add(c.id);
  return held;
}

/**
 * Duplicate reviews of the organisation, after closing the open ones whose customers were merged
 * (fewer than two left): the merge screen was the decision. Pass the ids of the customers that exist
 * when the caller has them.
 */
export async function closeMergedDuplicateReviews(db: Db, orgId: string, existing?: Set<string>): Promise<SyncReview[]> {
  const reviews = await db
    .select()
    .from(syncReviews)
    .where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.candidateKind, DUPLICATE_REVIEW)));
  const present = existing ?? new Set((await db.select({ id: customers.id }).from(customers).where(eq(customers.orgId, orgId))).map((r) => r.id));
  const merged = reviews.filter((r) => r.status === "open" && r.candidates.filter((c) => present.has(c.id)).length < 2);
  for (const r of merged) {
    await db
      .update(syncReviews)
      .set({ status: "linked", resolvedAt: sql`now()` })
      .where(and(eq(syncReviews.id, r.id), eq(syncReviews.status, "open")));
    r.status = "linked";
  }
  return reviews;
}

function duplicateReason(group: DuplicateGroup): string {
  const names = group.customers.map((c) => `"${c.name}"`);
  const list = `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const why = group.reason === "same email" ? `share the email ${group.key}` : "have the same name once legal suffixes and punctuation are set aside";
  return `${list} ${why}, so they look like one customer. Merge them, or say they differ, and they go to Xero.`;
}
