import { notFound } from "next/navigation";
import { PageHeader } from "@/components/common/page-header";
import { SubscriptionForm } from "@/components/crm/subscription-form";
import { getDb } from "@/db";
import { getCustomer } from "@/lib/crm/customers";
import { listProductChoices } from "@/lib/crm/products";
import { findOr404 } from "@/lib/tenancy/find-or-404";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function NewSubscriptionPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await requireOrg(slug);
  if (ctx.role === "sales") notFound();
  const db = getDb();
  const customer = await findOr404(() => getCustomer(db, ctx.org.id, id), id);
  const products = await listProductChoices(db, ctx.org.id);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title={`New subscription for ${customer.name}`} description="It becomes a Xero repeating invoice when the sync runs." />
      <SubscriptionForm
        orgSlug={slug}
        products={products}
        values={{ customerId: id, interval: "monthly", startDate: today, endDate: "", nextBillingDate: "", status: "active", currency: customer.currency ?? ctx.org.baseCurrency, lines: [{ productId: "", description: "", quantity: "1", unitPrice: "", discountPercent: "" }] }}
      />
    </>
  );
}
