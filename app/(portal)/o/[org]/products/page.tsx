import { Package } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function ProductsPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrg((await params).org);
  return (
    <>
      <PageHeader title="Products" description="What you sell, mapped to Xero items." />
      <EmptyState icon={Package} title="No products yet">
        Products with their Xero item, account and tax mapping arrive with the CRM workspace.
      </EmptyState>
    </>
  );
}
