import { MoneyChart } from "@/components/reports/money-chart";
import { NoReportAccess } from "@/components/reports/no-report-access";
import { ReportFrame } from "@/components/reports/report-frame";
import { ReportRangeForm } from "@/components/reports/report-range-form";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/lib/crm/money";
import { loadReportPage } from "@/lib/reports/report-page";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function LtvReportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const page = await loadReportPage(await requireOrg(slug), "ltv-by-source", await searchParams);
  if (!page.allowed) return <NoReportAccess />;
  const { report } = page;
  const money = (v: string | null) => (v === null ? "-" : formatMoney(v, report.currency));
  const query = new URLSearchParams(page.params).toString();
  return (
    <ReportFrame
      orgSlug={slug}
      freshness={page.freshness}
      connected={page.connected}
      csvHref={`/api/o/${slug}/reports/ltv-by-source${query ? `?${query}` : ""}`}
      definition={`A customer's lifetime value is the sum of its payments in ${report.currency} (each at its own rate; credits do not reduce it), grouped by lead source (trimmed, ignoring case). A date range picks a cohort: customers whose first approved invoice falls in it. CAC is the source's marketing spend in those months divided by its new customers. Prepayments, overpayments and credit-note refunds are not counted yet.`}
    >
      <ReportRangeForm fields={[{ name: "from", label: "First invoice from", type: "date" }, { name: "to", label: "First invoice to", type: "date" }]} values={{ from: report.from ?? undefined, to: report.to ?? undefined }} error={page.rangeError} />
      {report.rows.length ? (
        <Card>
          <CardContent className="pt-6">
            <MoneyChart label="Total paid by lead source" rows={report.rows} xKey="leadSource" currency={report.currency} series={[{ key: "totalPaid", label: "Total paid", color: "var(--chart-1)" }]} />
          </CardContent>
        </Card>
      ) : null}
      <Table data-testid="ltv-table">
        <TableHeader>
          <TableRow>
            <TableHead>Lead source</TableHead>
            <TableHead className="text-right">Customers</TableHead>
            <TableHead className="text-right">Paying</TableHead>
            <TableHead className="text-right">Total paid</TableHead>
            <TableHead className="text-right">Average LTV</TableHead>
            <TableHead className="text-right">Median LTV</TableHead>
            <TableHead className="text-right">Share</TableHead>
            <TableHead className="text-right">Spend</TableHead>
            <TableHead className="text-right">New customers</TableHead>
            <TableHead className="text-right">CAC</TableHead>
            <TableHead className="text-right">LTV:CAC</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.rows.map((r) => (
            <TableRow key={r.leadSource}>
              <TableCell>{r.leadSource}</TableCell>
              <TableCell className="text-right tabular-nums">{r.customers}</TableCell>
              <TableCell className="text-right tabular-nums">{r.payingCustomers}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.totalPaid)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.averageLtv)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.medianLtv)}</TableCell>
              <TableCell className="text-right tabular-nums">{r.share}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.spend)}</TableCell>
              <TableCell className="text-right tabular-nums">{r.newCustomers}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.cac)}</TableCell>
              <TableCell className="text-right tabular-nums">{r.ltvToCac ?? "-"}</TableCell>
            </TableRow>
          ))}
          {report.rows.length ? null : (
            <TableRow>
              <TableCell colSpan={11} className="text-muted-foreground text-center">
                No customers in this range yet. Add lead sources to customers (or import them) and record marketing spend in Settings.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <p className="text-muted-foreground text-sm">Paid by Xero contacts linked to no customer (not in the rows): {money(report.unlinkedPaid)}.</p>
    </ReportFrame>
  );
}
