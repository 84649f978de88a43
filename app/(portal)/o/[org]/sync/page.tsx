import { ArrowDown, ArrowLeftRight, ArrowUp, CircleAlert, Plug } from "lucide-react";
import Link from "next/link";
import { syncNowAction } from "./actions";
import { EmptyState } from "@/components/common/empty-state";
import { SubmitForm } from "@/components/common/submit-form";
import { LiveRefresh } from "@/components/sync/live-refresh";
import { ProgressBar } from "@/components/sync/progress-bar";
import { ResyncForm } from "@/components/sync/resync-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { goLiveCheck } from "@/lib/sync/go-live-check";
import { getSyncOverview } from "@/lib/sync/status/sync-overview";
import { requireOrgPermission } from "@/lib/tenancy/require-org";

const when = (d: Date | string | null) => (d ? new Date(d).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "never");
const HEALTH: Record<string, { label: string; variant: "default" | "secondary" | "destructive" | "outline" }> = {
  healthy: { label: "Healthy", variant: "default" },
  degraded: { label: "Some records failed", variant: "destructive" },
  failing: { label: "Failing", variant: "destructive" },
  needs_reauth: { label: "Paused: needs re-authorising", variant: "destructive" },
  disconnected: { label: "Paused: disconnected", variant: "destructive" },
};
const PHASE = { importing: "Importing", waiting_for_first_import: "Waiting for the first import" };
const DIRECTION = { both: ArrowLeftRight, pull: ArrowDown, push: ArrowUp };

export default async function SyncOverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgPermission(slug, "sync:operate");
  const overview = await getSyncOverview(getDb(), ctx);
  const { status, connection, rows } = overview;
  if (!connection || (connection.status === "disconnected" && !connection.needsAttention)) {
    return (
      <EmptyState
        icon={Plug}
        title="Xero is not connected"
        action={
          <Button asChild>
            <Link href={`/o/${slug}/settings/integrations`}>Connect Xero</Link>
          </Button>
        }
      >
        Connect Xero in Settings -&gt; Integrations. Your customers, invoices and payments then arrive here within a minute, and every won deal becomes an invoice.
      </EmptyState>
    );
  }
  // While the first import runs, that is the news (a healthy badge would say nothing).
  const health = status.phase && (status.sync_status === "healthy" || status.sync_status === "degraded") ? { label: PHASE[status.phase], variant: "secondary" as const } : HEALTH[status.sync_status];
  const paused = status.sync_status === "needs_reauth" || status.sync_status === "disconnected";
  const connectionError = status.errors.find((e) => e.type === "connection");
  const running = rows.some((r) => r.running);
  const problems = await goLiveCheck(getDb(), ctx.org.id);
  return (
    <div className="grid gap-6">
      {/* Waiting for the first import: it starts within seconds of connecting, so the page follows it too. */}
      <LiveRefresh active={running || status.phase === "waiting_for_first_import"} />
      {problems.length ? (
        <Card data-testid="go-live-check">
          <CardHeader>
            <CardTitle className="flex items-center gap-2 text-base">
              <CircleAlert className="size-4" aria-hidden /> Go-live check: {problems.length} thing{problems.length === 1 ? "" : "s"} would stop records reaching Xero
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2 text-sm">
              {problems.map((p, i) => (
                <li key={`${p.code}-${i}`}>
                  {p.message}
                  {p.examples.length ? <span className="text-muted-foreground"> ({p.examples.map((e) => e.label).join(", ")}{p.count > p.examples.length ? `, and ${p.count - p.examples.length} more` : ""})</span> : null}{" "}
                  <Link className="underline" href={p.link}>
                    Fix it
                  </Link>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-3">
          <div className="grid gap-1">
            <CardTitle className="flex items-center gap-2">
              {connection.tenantName} <Badge variant={health.variant} data-testid="sync-health">{health.label}</Badge>
            </CardTitle>
            <p className="text-muted-foreground text-sm">
              Last sync {when(status.last_sync)} · {status.pending_syncs} waiting · {status.failed_syncs} failed
            </p>
          </div>
          <SubmitForm action={syncNowAction} orgSlug={slug} label="Sync now" pendingLabel="Starting…" variant="outline" />
        </CardHeader>
        {status.phase === "waiting_for_first_import" ? (
          <CardContent>
            <p role="status" className="text-muted-foreground text-sm">
              Xero&apos;s contacts are not all in yet, so nothing is sent to Xero until they are (that is how nothing gets created twice). The next scheduled pull finishes the import; press Sync now to start it at once.
            </p>
          </CardContent>
        ) : null}
        {status.sync_status === "failing" && connectionError ? (
          <CardContent>
            <p role="alert" className="text-destructive flex items-center gap-2 text-sm">
              <CircleAlert className="size-4 shrink-0" aria-hidden /> {connectionError.message}
            </p>
          </CardContent>
        ) : null}
        {paused ? (
          <CardContent>
            <p role="alert" className="text-destructive flex items-center gap-2 text-sm">
              <CircleAlert className="size-4 shrink-0" aria-hidden /> Syncing is paused: {connection.reason ?? `the connection is ${connection.status.replace("_", " ")}`}. Nothing waiting is lost;{" "}
              <Link className="underline" href={`/o/${slug}/settings/integrations`}>
                re-authorise Xero
              </Link>{" "}
              to resume.
            </p>
          </CardContent>
        ) : null}
      </Card>

      <div className="overflow-x-auto rounded-xl border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Records</TableHead>
              <TableHead>Last pull from Xero</TableHead>
              <TableHead className="text-right">Waiting</TableHead>
              <TableHead className="text-right">Failed</TableHead>
              <TableHead className="min-w-48">Now</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => {
              const Icon = DIRECTION[r.direction];
              return (
                <TableRow key={r.key} data-testid={`sync-row-${r.key}`}>
                  <TableCell>
                    <div className="flex items-center gap-2 font-medium">
                      <Icon className="text-muted-foreground size-4" aria-label={r.direction === "both" ? "both ways" : r.direction === "pull" ? "from Xero" : "to Xero"} /> {r.label}
                    </div>
                    {r.note ? <p className="text-muted-foreground mt-1 max-w-md text-xs whitespace-normal">{r.note}</p> : null}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{r.direction === "push" ? "—" : when(r.lastPullAt)}</TableCell>
                  <TableCell className="text-right tabular-nums">{r.pending}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {r.failed ? (
                      <Link className="text-destructive underline" href={`/o/${slug}/sync/errors`}>
                        {r.failed}
                      </Link>
                    ) : (
                      0
                    )}
                  </TableCell>
                  <TableCell>
                    {r.running ? (
                      <ProgressBar label={`${r.label}: import progress`} done={r.running.done} total={r.running.total} />
                    ) : r.lastError ? (
                      <span className="text-destructive text-sm">{r.lastError}</span>
                    ) : (
                      <span className="text-muted-foreground text-sm">{r.note ? "Not sent yet" : "Up to date"}</span>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>

      <Card>
        <CardHeader>
          <CardTitle className="text-base">Resync</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="text-muted-foreground mb-4 text-sm">Brings the chosen kinds of records in again from Xero and sends ours again, for everything changed since the date. Nothing is duplicated: records match by their Xero ids.</p>
          <ResyncForm orgSlug={slug} />
        </CardContent>
      </Card>
    </div>
  );
}
