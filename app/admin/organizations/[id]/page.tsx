import { CircleAlert, CircleCheck, Download } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { adminResyncAction, adminRetryAction } from "./actions";
import { AuditTable } from "@/components/admin/audit-table";
import { HealthBadge } from "@/components/admin/health-badge";
import { ResyncRuns } from "@/components/admin/resync-runs";
import { SyncTimeline } from "@/components/admin/sync-timeline";
import { TenantConnection } from "@/components/admin/tenant-connection";
import { PageHeader } from "@/components/common/page-header";
import { ErrorLog } from "@/components/sync/error-log";
import { LiveRefresh } from "@/components/sync/live-refresh";
import { ResyncForm } from "@/components/sync/resync-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { listAdminAudit } from "@/lib/admin/admin-audit";
import { listResyncRuns } from "@/lib/admin/admin-resync";
import { organisationOf } from "@/lib/admin/admin-route";
import { integrationStatus } from "@/lib/admin/integration-status";
import { failedRecordsByCause, syncTimeline } from "@/lib/admin/tenant-diagnostics";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

const KIND: Record<string, string> = { customer: "Customer", deal: "Deal (invoice)", invoice_email: "Invoice email", product: "Product", subscription: "Subscription", payment: "Payment" };

export default async function AdminTenantPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePlatformAdmin();
  const { id } = await params;
  const db = getDb();
  const org = await organisationOf(db, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [status, groups, runs, timeline, audit] = await Promise.all([integrationStatus(db, org.id), failedRecordsByCause(db, org), listResyncRuns(db, org.id), syncTimeline(db, org.id), listAdminAudit(db, { orgId: org.id, limit: 30 })]);
  const problems = status.errors.filter((e) => e.type === "connection");
  const reauthUrl = `${getEnv().appUrl}/o/${org.slug}/settings/integrations`;
  const live = runs.some((r) => r.state === "queued" || r.state === "running") || timeline.cursors.some((c) => c.running);
  return (
    <div className="grid gap-6">
      <LiveRefresh active={live} />
      <PageHeader
        title={org.name}
        description={`Organisation ${org.id} · /o/${org.slug}`}
        actions={
          <a href={`/api/admin/integrations/xero/${org.id}/bundle`} download className="hover:bg-muted inline-flex items-center gap-2 rounded-md border px-3 py-2 text-sm font-medium" data-testid="bundle-link">
            <Download className="size-4" aria-hidden /> Escalation bundle
          </a>
        }
      />
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center gap-3">
          <CardTitle>What is wrong</CardTitle>
          <HealthBadge health={status.sync_status} neverConnected={!status.xero_tenant_id} />
          <span className="text-muted-foreground text-sm">
            last sync {status.last_sync ? new Date(status.last_sync).toISOString() : "never"} · {status.pending_syncs} pending · {status.failed_syncs} failed
          </span>
        </CardHeader>
        <CardContent className="grid gap-2" data-testid="what-is-wrong">
          {problems.map((p) => (
            <p key={p.message} role="alert" className="text-destructive flex items-start gap-2 text-sm">
              <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden /> <span>{p.message} <span className="text-muted-foreground text-xs">(since {p.timestamp})</span></span>
            </p>
          ))}
          {!problems.length && status.failed_syncs ? <p className="text-sm">Some records fail: each cause below says what the customer must change.</p> : null}
          {!problems.length && !status.failed_syncs && status.sync_status === "healthy" ? (
            <p className="flex items-center gap-2 text-sm">
              <CircleCheck className="size-4" aria-hidden /> Nothing is wrong: calls succeed and no record is failing.
            </p>
          ) : null}
          {!status.xero_tenant_id ? <p className="text-muted-foreground text-sm">This tenant never connected Xero: nothing syncs until an owner or admin connects it in Settings -&gt; Integrations.</p> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Connection</CardTitle>
        </CardHeader>
        <CardContent>
          <TenantConnection status={status} reauthUrl={reauthUrl} />
        </CardContent>
      </Card>
      <section className="grid gap-3" aria-labelledby="failed-heading">
        <h2 id="failed-heading" className="text-lg font-semibold">
          Failed records by cause
        </h2>
        {groups.length === 0 ? <p className="text-muted-foreground text-sm">No failed record.</p> : null}
        {groups.map((g) => (
          <Card key={g.cause} data-testid="cause-group">
            <CardHeader>
              <CardTitle className="text-base">
                {g.label} ({g.count})
              </CardTitle>
              {g.guideFix ? <p className="text-sm">{g.guideFix}</p> : null}
            </CardHeader>
            <CardContent>
              <ErrorLog
                orgSlug={org.id}
                cause={g.cause}
                retry={adminRetryAction}
                formId={`retry-${g.cause}`}
                rows={g.records.map((r) => ({ id: r.id, recordName: r.recordName, recordKind: KIND[r.entityType] ?? r.entityType, href: r.href, causeLabel: r.causeLabel, fix: r.fix, xeroMessage: r.xeroMessage, attempts: r.attempts, at: r.at.toISOString() }))}
              />
            </CardContent>
          </Card>
        ))}
      </section>
      <Card>
        <CardHeader>
          <CardTitle>Resync</CardTitle>
          <p className="text-muted-foreground text-sm">Re-reads the chosen lists from Xero changed since the date (everything without one), and sends our changed records again.</p>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ResyncForm orgSlug={org.id} resync={adminResyncAction} />
          <ResyncRuns runs={runs} />
        </CardContent>
      </Card>
      <section className="grid gap-3">
        <h2 className="text-lg font-semibold">Sync timeline</h2>
        <SyncTimeline timeline={timeline} />
      </section>
      <section className="grid gap-3">
        <h2 className="text-lg font-semibold">Admin actions on this tenant</h2>
        <AuditTable rows={audit} />
        <Link href="/admin/audit" className="text-sm underline">
          Every admin action
        </Link>
      </section>
    </div>
  );
}
