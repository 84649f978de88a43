import { notFound } from "next/navigation";
import { PageHeader } from "@/components/common/page-header";
import { CustomerForm } from "@/components/crm/customer-form";
import { getDb } from "@/db";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { getCustomer } from "@/lib/crm/customers";
import { listOwnerChoices } from "@/lib/crm/org-members";
import { canEditOwned } from "@/lib/crm/record-access";
import { requireOrg } from "@/lib/tenancy/require-org";
import { findOr404 } from "@/lib/tenancy/find-or-404";

export default async function EditCustomerPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await requireOrg(slug);
  const db = getDb();
  const customer = await findOr404(() => getCustomer(db, ctx.org.id, id), id);
  if (!canEditOwned(actorFromContext(ctx), customer.ownerId)) notFound();
  const owners = await listOwnerChoices(db, ctx.org.id);
  return (
    <>
      <PageHeader title={`Edit ${customer.name}`} />
      <CustomerForm orgSlug={slug} customer={customer} owners={owners} canChooseOwner={ctx.role !== "sales"} defaultTermDays={ctx.org.defaultPaymentTermDays} baseCurrency={ctx.org.baseCurrency} />
    </>
  );
}
