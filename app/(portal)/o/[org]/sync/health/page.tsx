import { Stethoscope } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/common/empty-state";
import { SubmitForm } from "@/components/common/submit-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { formatMoney } from "@/lib/crm/money";
import { latestHealthCheck, listHealthChecks } from "@/lib/sync/health/run-health-check";
import { requireOrgPermission } from "@/lib/tenancy/require-org";
import { can } from "@/lib/tenancy/roles";
import { runHealthCheckAction } from "./actions";

/** The data health check: the latest report in full, the dates of the ones before, and "Run health check now". */
export default async function SyncHealthPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  // The Sync section's own check, and the report's: it names amounts (won deals, invoice totals).
  const ctx = await requireOrgPermission(slug, "sync:operate");
  if (!can(ctx.role, "finance:view")) notFound();
  const db = getDb();
  const [latest, history] = await Promise.all([latestHealthCheck(db, ctx.org.id), listHealthChecks(db, ctx.org.id)]);
  const run = <SubmitForm action={runHealthCheckAction} orgSlug={slug} label="Run health check now" pendingLabel="Checking (reading three invoices from Xero)…" size="sm" />;
  if (!latest) {
    return (
      <EmptyState icon={Stethoscope} title="No health check yet" action={run}>
        Once a month the sync checks your data: records stuck failing, duplicates, won deals without an invoice, unmapped products, incomplete customers, and three invoices compared with Xero. Run the first one now.
      </EmptyState>
    );
  }
  const section = (title: string, count: number, body: React.ReactNode) => (
    <Card data-testid={`health-${title}`}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          {title} <Badge variant={count ? "outline" : "default"}>{count}</Badge>
        </CardTitle>
      </CardHeader>
      {count ? <CardContent className="text-sm">{body}</CardContent> : null}
    </Card>
  );
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-muted-foreground text-sm" data-testid="health-ran-at">
          Latest check: {new Date(latest.ranAt).toISOString().slice(0, 16).replace("T", " ")} UTC ({latest.trigger})
        </p>
        {run}
      </div>
      {section(
        "Spot check against Xero",
        latest.spotChecks.filter((s) => !s.matches).length,
        <ul className="grid gap-1">
          {latest.spotChecks.map((s) => (
            <li key={s.xeroInvoiceId}>
              {s.invoiceNumber}: {s.matches ? "matches Xero" : s.differences.map((d) => `${d.field} is ${d.ours ?? "empty"} here, ${d.xero ?? "missing"} in Xero`).join("; ")}
            </li>
          ))}
        </ul>,
      )}
      {latest.spotChecks.length && latest.spotChecks.every((s) => s.matches) ? <p className="text-sm" data-testid="health-spot-ok">{latest.spotChecks.length} invoices read afresh from Xero match what the portal shows.</p> : null}
      {latest.spotCheckNote ? <p className="text-muted-foreground text-sm">{latest.spotCheckNote}</p> : null}
      {section(
        "Records failing to sync",
        latest.failingRecords.length,
        <p>
          {latest.failingRecords.length} record(s): <Link className="underline" href={`/o/${slug}/sync/errors`}>see the error log for each cause and its fix</Link>.
        </p>,
      )}
      {section(
        "Won deals without an invoice",
        latest.wonWithoutInvoice.length,
        <ul className="grid gap-1">
          {latest.wonWithoutInvoice.map((d) => (
            <li key={d.dealId}>
              <Link className="underline" href={`/o/${slug}/deals/${d.dealId}`}>{d.title}</Link> · {formatMoney(d.amount, d.currency)}
            </li>
          ))}
        </ul>,
      )}
      {section(
        "Possible duplicates",
        latest.duplicates.length,
        <ul className="grid gap-1">
          {latest.duplicates.map((d, i) => (
            <li key={i}>
              {d.side === "crm" ? "Customers" : "Xero contacts"} ({d.reason}): {d.records.map((r) => r.name).join(", ")}
            </li>
          ))}
        </ul>,
      )}
      {section(
        "Products without a full mapping",
        latest.unmappedProducts.length,
        <ul className="grid gap-1">
          {latest.unmappedProducts.map((p) => (
            <li key={p.id}>
              {p.code} · {p.name}: no {p.missing.join(", ")}
            </li>
          ))}
        </ul>,
      )}
      {section(
        "Customers missing details",
        latest.customersMissingDetails.length,
        <ul className="grid gap-1">
          {latest.customersMissingDetails.map((c) => (
            <li key={c.id}>
              <Link className="underline" href={`/o/${slug}/customers/${c.id}`}>{c.name}</Link>: no {c.missing.join(" or ")}
            </li>
          ))}
        </ul>,
      )}
      {history.length > 1 ? (
        <p className="text-muted-foreground text-sm">Earlier checks: {history.slice(1).map((h) => h.ranAt.toISOString().slice(0, 10)).join(", ")}</p>
      ) : null}
    </div>
  );
}
