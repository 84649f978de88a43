import { SectionTabs } from "@/components/common/section-tabs";
import { PageHeader } from "@/components/common/page-header";
import { requireOrg } from "@/lib/tenancy/require-org";

/** The Reports section: figures from the mirrored Xero books joined to the CRM; each page checks who may see amounts itself. */
export default async function ReportsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  await requireOrg(slug);
  return (
    <>
      <PageHeader title="Reports" description="Revenue against goal, cash-flow forecast, lifetime value by lead source and revenue leakage, from your Xero books." />
      <SectionTabs
        base={`/o/${slug}/reports`}
        label="Reports"
        tabs={[
          { label: "Revenue", segment: "revenue" },
          { label: "Cash flow", segment: "cash-flow" },
          { label: "Lifetime value", segment: "ltv" },
          { label: "Leakage", segment: "leakage" },
        ]}
      />
      <div className="mt-6">{children}</div>
    </>
  );
}
