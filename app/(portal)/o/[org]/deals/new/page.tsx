import { searchUuid, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/common/page-header";
import { DealForm } from "@/components/crm/deal-form";
import { getDb } from "@/db";
import { loadLineFormChoices } from "@/lib/crm/deal-form-data";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function NewDealPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const customerId = searchUuid(await searchParams, "customerId") ?? "";
  const ctx = await requireOrg(slug);
  const choices = await loadLineFormChoices(getDb(), ctx.org.id, ctx.canSeeAmounts);
  return (
    <>
      <PageHeader title="New deal" description="Lines come from your products; the amount is their total." />
      <DealForm
        orgSlug={slug}
        {...choices}
        canChooseOwner={ctx.role !== "sales"}
        canSeeAmounts={ctx.canSeeAmounts}
        values={{ title: "", customerId, stageId: choices.stages[0]?.id ?? "", ownerId: ctx.user.id, currency: "", expectedCloseDate: "", lostReason: "", lines: [] }}
      />
    </>
  );
}
