import { notFound } from "next/navigation";
import { PageHeader } from "@/components/common/page-header";
import { SubscriptionForm } from "@/components/crm/subscription-form";
import { getDb } from "@/db";
import { listProductChoices } from "@/lib/crm/products";
import { getSubscription } from "@/lib/crm/subscriptions";
import { findOr404 } from "@/lib/tenancy/find-or-404";
import { requireOrg } from "@/lib/tenancy/require-org";
import { toEditableLines } from "@/lib/crm/editable-lines";

export default async function SubscriptionPage({ params }: { params: Promise<{ org: string; id: string; subId: string }> }) {
  const { org: slug, id, subId } = await params;
  const ctx = await requireOrg(slug);
  if (ctx.role === "sales") notFound();
  const db = getDb();
  const sub = await findOr404(() => getSubscription(db, ctx.org.id, subId), subId);
  if (sub.customerId !== id) notFound();
  const products = await listProductChoices(db, ctx.org.id);
  return (
    <>
      <PageHeader title="Subscription" />
      <SubscriptionForm
        orgSlug={slug}
        products={products}
        values={{
          id: sub.id,
          customerId: sub.customerId,
          interval: sub.interval,
          startDate: sub.startDate,
          endDate: sub.endDate ?? "",
          nextBillingDate: sub.nextBillingDate ?? "",
          status: sub.status,
          currency: sub.currency,
          lines: toEditableLines(sub.lines, true),
        }}
      />
    </>
  );
}
