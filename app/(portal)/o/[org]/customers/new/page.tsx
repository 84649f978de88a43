import { PageHeader } from "@/components/common/page-header";
import { CustomerForm } from "@/components/crm/customer-form";
import { getDb } from "@/db";
import { listOwnerChoices } from "@/lib/crm/org-members";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function NewCustomerPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const owners = await listOwnerChoices(getDb(), ctx.org.id);
  return (
    <>
      <PageHeader title="New customer" description="Clean data now means clean contacts in Xero later." />
      <CustomerForm orgSlug={slug} owners={owners} canChooseOwner={ctx.role !== "sales"} defaultTermDays={ctx.org.defaultPaymentTermDays} baseCurrency={ctx.org.baseCurrency} />
    </>
  );
}
