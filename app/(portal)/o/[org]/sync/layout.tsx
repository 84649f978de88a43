import { notFound } from "next/navigation";
import { SectionTabs } from "@/components/common/section-tabs";
import { PageHeader } from "@/components/common/page-header";
import { getDb } from "@/db";
import { countOpenReviews, getSyncStatus } from "@/lib/sync/status/sync-status";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can } from "@/lib/tenancy/roles";

/** The Sync section: owners, admins and finance see and fix what moves between the CRM and Xero. */
export default async function SyncLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  if (!can(ctx.role, "sync:operate")) notFound();
  const db = getDb();
  const [status, reviews] = await Promise.all([getSyncStatus(db, ctx.org.id), countOpenReviews(db, ctx.org.id)]);
  return (
    <>
      <PageHeader title="Sync" description="What moves between your CRM and Xero, what failed and how to fix it." />
      <SectionTabs
        base={`/o/${slug}/sync`}
        label="Sync"
        tabs={[
          { label: "Overview", segment: "" },
          { label: "Errors", segment: "errors", count: status.failed_syncs },
          { label: "Review", segment: "review", count: reviews },
          { label: "Sync log", segment: "log" },
        ]}
      />
      <div className="mt-6">{children}</div>
    </>
  );
}
