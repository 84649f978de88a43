import { and, eq, inArray } from "drizzle-orm";
import { UserCheck } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { ReviewCard } from "@/components/sync/review-card";
import { getDb } from "@/db";
import { customers, xeroContacts } from "@/db/schema";
import { DUPLICATE_REVIEW } from "@/lib/sync/review/hold-duplicates";
import { listOpenReviews } from "@/lib/sync/review/resolve-review";
import { requireOrgPermission } from "@/lib/tenancy/require-org";

export default async function SyncReviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgPermission(slug, "sync:operate");
  const db = getDb();
  const reviews = await listOpenReviews(db, ctx);
  if (!reviews.length) {
    return (
      <EmptyState icon={UserCheck} title="Nothing to review">
        When a Xero contact could be more than one of your customers, a customer&apos;s name is taken in Xero by someone with another email, or two customers look like duplicates before their first sync, it waits here for you to decide. Nothing is guessed.
      </EmptyState>
    );
  }
  const contactIds = reviews.map((r) => r.xeroContactId).filter((id): id is string => !!id);
  const customerIds = reviews.map((r) => r.customerId).filter((id): id is string => !!id);
  const contactNames = new Map((contactIds.length ? await db.select({ id: xeroContacts.xeroContactId, name: xeroContacts.name, email: xeroContacts.email }).from(xeroContacts).where(and(eq(xeroContacts.orgId, ctx.org.id), inArray(xeroContacts.xeroContactId, contactIds))) : []).map((c) => [c.id, c]));
  const customerNames = new Map((customerIds.length ? await db.select({ id: customers.id, name: customers.name, email: customers.email }).from(customers).where(and(eq(customers.orgId, ctx.org.id), inArray(customers.id, customerIds))) : []).map((c) => [c.id, c]));
  return (
    <div className="grid max-w-3xl gap-4">
      {reviews.map((r) => {
        if (r.candidateKind === DUPLICATE_REVIEW) {
          const mergeHref = `/o/${slug}/customers/health/merge?ids=${r.candidates.map((c) => c.id).join(",")}`;
          return <ReviewCard key={r.id} orgSlug={slug} review={{ id: r.id, reason: r.reason, subject: "Customers that look like duplicates", candidateKind: "duplicate", candidates: r.candidates, mergeHref }} />;
        }
        const kind = r.candidateKind === "customer" ? "customer" : "contact";
        const subject =
          kind === "customer"
            ? `Xero contact "${contactNames.get(r.xeroContactId!)?.name ?? r.xeroContactId}"${contactNames.get(r.xeroContactId!)?.email ? ` (${contactNames.get(r.xeroContactId!)?.email})` : ""}`
            : `Customer "${customerNames.get(r.customerId!)?.name ?? "deleted"}"${customerNames.get(r.customerId!)?.email ? ` (${customerNames.get(r.customerId!)?.email})` : ""}`;
        return <ReviewCard key={r.id} orgSlug={slug} review={{ id: r.id, reason: r.reason, subject, candidateKind: kind, candidates: r.candidates }} />;
      })}
    </div>
  );
}
