import { Handshake } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function DealsPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrg((await params).org);
  return (
    <>
      <PageHeader title="Deals" description="Your pipeline, from lead to won." />
      <EmptyState icon={Handshake} title="No deals yet">
        The deal table and board arrive with the CRM workspace. A won deal will become a Xero invoice at once.
      </EmptyState>
    </>
  );
}
