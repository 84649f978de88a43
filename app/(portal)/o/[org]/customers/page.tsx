import { Users } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function CustomersPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrg((await params).org);
  return (
    <>
      <PageHeader title="Customers" description="Who you sell to, with their Xero balance." />
      <EmptyState icon={Users} title="No customers yet">
        Customers, with search, import from CSV and duplicate clean-up, arrive with the CRM workspace. Until then there is nothing to list.
      </EmptyState>
    </>
  );
}
