import { RefreshCw } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function SyncPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrg((await params).org);
  return (
    <>
      <PageHeader title="Sync" description="What moved between your CRM and Xero, and what failed." />
      <EmptyState icon={RefreshCw} title="Nothing has synced yet">
        Once Xero is connected, every record sent or received is listed here, with a plain-language reason and a Retry button for anything that failed.
      </EmptyState>
    </>
  );
}
