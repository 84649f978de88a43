import Link from "next/link";
import { PageHeader } from "@/components/common/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";
import { xeroHealth, type CallFigures } from "@/lib/xero/xero-health";

const rate = (f: CallFigures) => (f.calls ? `${(((f.server_errors + f.timeouts + f.rate_limited) / f.calls) * 100).toFixed(1)}%` : "—");

export default async function XeroHealthPage() {
  await requirePlatformAdmin();
  const db = getDb();
  const [now, hour] = await Promise.all([xeroHealth(db), xeroHealth(db, { windowMinutes: 60 })]);
  return (
    <div className="grid gap-6">
      <PageHeader title="Xero health" description="Every tenant's Xero calls: is it Xero, or one tenant? An outage is when most tenants that called Xero (at least two) get 5xx or timeouts; a refused token is that tenant's own problem." />
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center gap-3">
          <CardTitle>Last {now.window_minutes} minutes</CardTitle>
          <Badge variant={now.status === "ok" ? "default" : "destructive"} data-testid="xero-health-status">
            {now.status}
          </Badge>
        </CardHeader>
        <CardContent>
          <p className="text-sm" data-testid="xero-health-verdict">
            {now.verdict}
          </p>
          <p className="text-muted-foreground mt-1 text-xs">
            {now.tenants_affected} of {now.tenants_active} active tenants affected · {now.calls} calls · {now.server_errors} 5xx · {now.timeouts} timeouts · {now.rate_limited} 429s · p95 {now.p95_ms ?? "—"} ms
          </p>
        </CardContent>
      </Card>
      <section className="grid gap-3">
        <h2 className="text-lg font-semibold">Last hour, per tenant and overall</h2>
        <div className="overflow-x-auto rounded-xl border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Tenant</TableHead>
                <TableHead className="text-right">Calls</TableHead>
                <TableHead className="text-right">Error rate</TableHead>
                <TableHead className="text-right">5xx</TableHead>
                <TableHead className="text-right">Timeouts</TableHead>
                <TableHead className="text-right">429s</TableHead>
                <TableHead className="text-right">Refused (401/403)</TableHead>
                <TableHead className="text-right">p95 ms</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow className="font-medium">
                <TableCell>All tenants</TableCell>
                <TableCell className="text-right tabular-nums">{hour.calls}</TableCell>
                <TableCell className="text-right tabular-nums">{rate(hour)}</TableCell>
                <TableCell className="text-right tabular-nums">{hour.server_errors}</TableCell>
                <TableCell className="text-right tabular-nums">{hour.timeouts}</TableCell>
                <TableCell className="text-right tabular-nums">{hour.rate_limited}</TableCell>
                <TableCell className="text-right tabular-nums">{hour.auth_refused}</TableCell>
                <TableCell className="text-right tabular-nums">{hour.p95_ms ?? "—"}</TableCell>
              </TableRow>
              {hour.tenants.map((t) => (
                <TableRow key={t.orgId} data-testid="health-tenant-row">
                  <TableCell>
                    <Link href={`/admin/organizations/${t.orgId}`} className="underline-offset-4 hover:underline">
                      {t.name}
                    </Link>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{t.calls}</TableCell>
                  <TableCell className="text-right tabular-nums">{rate(t)}</TableCell>
                  <TableCell className="text-right tabular-nums">{t.server_errors}</TableCell>
                  <TableCell className="text-right tabular-nums">{t.timeouts}</TableCell>
                  <TableCell className="text-right tabular-nums">{t.rate_limited}</TableCell>
                  <TableCell className="text-right tabular-nums">{t.auth_refused}</TableCell>
                  <TableCell className="text-right tabular-nums">{t.p95_ms ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
    </div>
  );
}
