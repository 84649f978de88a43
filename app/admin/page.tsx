import { Building2 } from "lucide-react";
import Link from "next/link";
import { HealthBadge } from "@/components/admin/health-badge";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listAdminOrganizations, ORGANIZATION_FILTERS } from "@/lib/admin/list-organizations";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";
import { getEnv } from "@/lib/env";
import { searchChoice, searchText, type SearchParams } from "@/lib/http/search-params";
import { cn } from "@/lib/utils";
import { xeroHealth } from "@/lib/xero/xero-health";

const FILTERS: { value: (typeof ORGANIZATION_FILTERS)[number] | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "failing", label: "Failing" },
  { value: "needs_reauth", label: "Needs re-auth" },
  { value: "token_expiring", label: "Token expiring within a day" },
  { value: "disconnected", label: "Disconnected" },
  { value: "degraded", label: "Degraded" },
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "never");
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export default async function AdminTenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Every admin page checks for itself: the layout's check does not run on a segment-only (RSC) request.
  await requirePlatformAdmin();
  const search = await searchParams;
  const status = searchChoice(search, "status", ORGANIZATION_FILTERS);
  const q = searchText(search, "q", 200);
  const db = getDb();
  const [rows, health] = await Promise.all([listAdminOrganizations(db, { status, q }), xeroHealth(db)]);
  const dailyLimit = getEnv().xeroLimits.perDay;
  const href = (s: string | undefined) => `/admin${s || q ? `?${new URLSearchParams({ ...(s ? { status: s } : {}), ...(q ? { q } : {}) })}` : ""}`;
  return (
    <>
      <PageHeader title="Tenants" description="Every organisation's Xero integration, worst first: what is wrong, since when, and what to do on its page." />
      <p className={cn("mb-4 rounded-lg border p-3 text-sm", health.status === "outage" ? "border-destructive text-destructive" : "")} data-testid="xero-health-line">
        Xero, last {health.window_minutes} minutes: <strong>{health.status}</strong>. {health.verdict}{" "}
        <Link href="/admin/xero-health" className="underline">
          Health panel
        </Link>
      </p>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Filter tenants" className="flex flex-wrap gap-2">
          {FILTERS.map((f) => (
            <Link key={f.label} href={href(f.value)} aria-current={status === f.value ? "page" : undefined} className={cn("rounded-full border px-3 py-1 text-sm", status === f.value && "bg-muted font-medium")}>
              {f.label}
            </Link>
          ))}
        </nav>
        <form className="flex gap-2" role="search">
          {status ? <input type="hidden" name="status" value={status} /> : null}
          <Input name="q" defaultValue={q} placeholder="Name, slug or Xero organisation" aria-label="Search tenants" className="w-64" />
          <Button type="submit" variant="outline">
            Search
          </Button>
        </form>
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={Building2} title={status || q ? "No tenant matches" : "No tenants yet"}>
          {status || q ? "Clear the filter or the search to see every tenant." : "Organisations appear here as soon as someone signs up and creates one."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Tenant</TableHead>
                <TableHead>Sync status</TableHead>
                <TableHead>Access token expires</TableHead>
                <TableHead>Last sync</TableHead>
                <TableHead className="text-right">Pending</TableHead>
                <TableHead className="text-right">Failed</TableHead>
                <TableHead className="text-right">Xero calls today</TableHead>
                <TableHead className="text-right">Data today</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} data-testid="admin-tenant-row">
                  <TableCell>
                    <Link href={`/admin/organizations/${r.id}`} className="font-medium underline-offset-4 hover:underline">
                      {r.name}
                    </Link>
                    <div className="text-muted-foreground text-xs">{r.xero_tenant_name ?? "no Xero organisation"}</div>
                  </TableCell>
                  <TableCell>
                    <HealthBadge health={r.sync_status} neverConnected={!r.xero_tenant_name} />
                  </TableCell>
                  <TableCell className="text-sm">{when(r.token_expires_at)}</TableCell>
                  <TableCell className="text-sm">{when(r.last_sync)}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.pending_syncs}</TableCell>
                  <TableCell className={cn("text-right tabular-nums", r.failed_syncs > 0 && "text-destructive font-medium")}>{r.failed_syncs}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {r.calls_today.toLocaleString("en-US")} / {dailyLimit.toLocaleString("en-US")}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{megabytes(r.bytes_today)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
