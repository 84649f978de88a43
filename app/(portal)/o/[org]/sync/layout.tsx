import { SectionTabs } from "@/components/common/section-tabs";
import { PageHeader } from "@/components/common/page-header";
import { getDb } from "@/db";
import { countOpenReviews, getSyncStatus } from "@/lib/sync/status/sync-status";
import { requireOrgPermission } from "@/lib/tenancy/require-org";

/** The Sync section: owners, admins and finance see and fix what moves between the CRM and Xero. */
export default async function SyncLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  // The badges need the permission too; each page checks it again for itself (a layout's check
  // does not run on a client-side navigation that renders the page segment alone).
  const ctx = await requireOrgPermission(slug, "sync:operate");
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
          { label: "Health check", segment: "health" },
        ]}
      />
      <div className="mt-6">{children}</div>
    </>
  );
}
