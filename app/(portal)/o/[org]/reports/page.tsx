import { BarChart3 } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function ReportsPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrg((await params).org);
  return (
    <>
      <PageHeader title="Reports" description="Revenue against goal, cash-flow forecast, lifetime value and revenue leakage." />
      <EmptyState icon={BarChart3} title="No reports yet">
        Reports are computed from invoices and payments synced from Xero. Connect Xero first; the reports arrive with the sync engine.
      </EmptyState>
    </>
  );
}
