import { AuditTable } from "@/components/admin/audit-table";
import { PageHeader } from "@/components/common/page-header";
import { getDb } from "@/db";
import { listAdminAudit } from "@/lib/admin/admin-audit";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";

export default async function AdminAuditPage() {
  await requirePlatformAdmin();
  const rows = await listAdminAudit(getDb(), { limit: 200 });
  return (
    <div className="grid gap-4">
      <PageHeader title="Audit" description="Every admin API call and admin page action, newest first: who, what, on which tenant, and the answer (the newest 200)." />
      <AuditTable rows={rows} showTenant />
    </div>
  );
}
