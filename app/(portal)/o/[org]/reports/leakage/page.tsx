import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { createLeakageInvoiceAction, dismissLeakageAction, linkLeakageInvoiceAction } from "./actions";
import { EmptyState } from "@/components/common/empty-state";
import { SubmitForm } from "@/components/common/submit-form";
import { DismissLeakageForm } from "@/components/reports/dismiss-leakage-form";
import { LinkLeakageInvoiceForm } from "@/components/reports/link-leakage-invoice-form";
import { NoReportAccess } from "@/components/reports/no-report-access";
import { ReportFrame } from "@/components/reports/report-frame";
import { Badge } from "@/components/ui/badge";
import { FigureCard } from "@/components/reports/figure-card";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { linkableInvoices } from "@/lib/billing/link-existing-invoice";
import { todayIn } from "@/lib/calendar";
import { formatMoney } from "@/lib/crm/money";
import type { LeakageKind } from "@/lib/reports/leakage-report";
import { sumDecimals } from "@/lib/reports/money-rules";
import { loadReportPage } from "@/lib/reports/report-page";
import { requireOrg } from "@/lib/tenancy/require-org";

const KIND: Record<LeakageKind, { label: string; fix: string }> = {
  no_invoice: { label: "No invoice", fix: "Create the invoice" },
  voided: { label: "Invoice voided", fix: "Invoice again" },
  not_approved: { label: "Invoice not approved", fix: "Approve it in Xero" },
  amount_mismatch: { label: "Amount differs", fix: "Correct the invoice or the deal" },
  currency_mismatch: { label: "Other currency", fix: "Invoice in the deal's currency" },
  subscription_period: { label: "Subscription period not billed", fix: "Check the repeating invoice in Xero" },
};

export default async function LeakageReportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const page = await loadReportPage(await requireOrg(slug), "leakage", await searchParams);
  if (!page.allowed) return <NoReportAccess />;
  const { report } = page;
  // Only a deal with nothing live can take an existing invoice (a mismatch is fixed on the invoice).
  const unbilled = report.rows.filter((r) => r.kind === "no_invoice" || r.kind === "voided");
  const candidates = await linkableInvoices(
    getDb(),
    page.scope.orgId,
    unbilled.flatMap((r) => (r.dealId ? [r.dealId] : [])),
  );
  const byKind = new Map<string, string[]>();
  for (const r of report.rows) byKind.set(`${r.kind}|${r.currency}`, [...(byKind.get(`${r.kind}|${r.currency}`) ?? []), r.amount]);
  return (
    <ReportFrame
      orgSlug={slug}
      freshness={page.freshness}
      connected={page.connected}
      csvHref={`/api/o/${slug}/reports/leakage`}
      definition="Won deals whose billing does not match, first match wins: a live invoice in another currency, live invoices whose amount before tax differs from the deal (at the difference), only a draft, only a voided invoice, or no invoice at all (at the deal amount). Deleted invoices are ignored; dismissed rows leave the list. Prepayments, overpayments and credit-note refunds are not counted yet."
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <FigureCard title="Money at risk" testId="leakage-total" valueClassName="grid gap-1">
          {report.totals.length ? report.totals.map((t) => <span key={t.currency}>{formatMoney(t.amount, t.currency)}</span>) : formatMoney("0", page.scope.currency)}
        </FigureCard>
        <Card className="sm:col-span-2">
          <CardHeader>
            <CardTitle className="text-muted-foreground text-sm font-medium">By kind</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-2 text-sm">
            {[...byKind.entries()].map(([key, amounts]) => {
              const [kind, currency] = key.split("|");
              return (
                <Badge key={key} variant="secondary">
                  {KIND[kind as LeakageKind].label}: {amounts.length} · {formatMoney(sumDecimals(amounts), currency)}
                </Badge>
              );
            })}
            {byKind.size ? null : <span className="text-muted-foreground">Nothing at risk.</span>}
          </CardContent>
        </Card>
      </div>
      {report.rows.length ? (
        <Table data-testid="leakage-table">
          <TableHeader>
            <TableRow>
              <TableHead>Deal</TableHead>
              <TableHead>Problem</TableHead>
              <TableHead>Invoice</TableHead>
              <TableHead className="text-right">Amount</TableHead>
              <TableHead>Won</TableHead>
              <TableHead>Resolve</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.rows.map((r) => (
              <TableRow key={`${r.dealId ?? r.subscriptionId}-${r.kind}-${r.period ?? ""}`} data-testid="leakage-row">
                <TableCell>
                  <Link className="underline underline-offset-4" href={r.dealId ? `/o/${slug}/deals/${r.dealId}` : `/o/${slug}/customers/${r.customerId}/subscriptions/${r.subscriptionId}`}>
                    {r.dealTitle}
                  </Link>
                  {r.period ? <span className="text-muted-foreground"> · billing date {r.period}</span> : null}
                </TableCell>
                <TableCell>
                  <Badge variant="outline">{KIND[r.kind].label}</Badge>
                </TableCell>
                <TableCell>{r.invoiceNumber ?? "-"}</TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(r.amount, r.currency)}</TableCell>
                <TableCell>{r.wonAt ? todayIn(page.scope.timezone, new Date(r.wonAt)) : "-"}</TableCell>
                <TableCell className="grid gap-2">
                  {r.dealId && (r.kind === "no_invoice" || r.kind === "voided") ? (
                    <>
                      <SubmitForm action={createLeakageInvoiceAction} orgSlug={slug} hidden={{ dealId: r.dealId }} label={KIND[r.kind].fix} size="sm" />
                      <LinkLeakageInvoiceForm
                        action={linkLeakageInvoiceAction}
                        orgSlug={slug}
                        dealId={r.dealId}
                        candidates={(candidates.get(r.dealId) ?? []).map((c) => ({ xeroInvoiceId: c.xeroInvoiceId, label: `${c.number ?? "Invoice"} · ${c.date} · ${formatMoney(c.total, c.currency)} · ${c.status.toLowerCase()}` }))}
                      />
                    </>
                  ) : (
                    <span className="text-muted-foreground text-sm">{KIND[r.kind].fix}</span>
                  )}
                  <DismissLeakageForm action={dismissLeakageAction} orgSlug={slug} target={r.dealId ? { dealId: r.dealId } : { subscriptionId: r.subscriptionId!, period: r.period! }} kind={r.kind} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <EmptyState icon={CircleCheck} title="No revenue leakage">
          Every won deal has an approved invoice in its currency for its amount.
        </EmptyState>
      )}
    </ReportFrame>
  );
}
