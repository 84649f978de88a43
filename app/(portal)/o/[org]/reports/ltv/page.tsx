import { MoneyChart } from "@/components/reports/money-chart";
import { NoReportAccess } from "@/components/reports/no-report-access";
import { ReportFrame } from "@/components/reports/report-frame";
import { ReportRangeForm } from "@/components/reports/report-range-form";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import Link from "next/link";
import { getDb } from "@/db";
import { formatMoney } from "@/lib/crm/money";
import { ltvSourceCustomers } from "@/lib/reports/ltv-drilldown";
import { loadReportPage } from "@/lib/reports/report-page";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function LtvReportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const page = await loadReportPage(await requireOrg(slug), "ltv-by-source", await searchParams);
  if (!page.allowed) return <NoReportAccess />;
  const { report } = page;
  // A row drills down to its customers (?source=), in the same cohort.
  const source = typeof page.params.source === "string" ? page.params.source.slice(0, 200) : null;
  const drilldown = source ? await ltvSourceCustomers(getDb(), page.scope, { from: report.from ?? undefined, to: report.to ?? undefined }, source) : null;
  const drillHref = (leadSource: string) => `?${new URLSearchParams({ ...(report.from && report.to ? { from: report.from, to: report.to } : {}), source: leadSource })}#customers`;
  const money = (v: string | null) => (v === null ? "-" : formatMoney(v, report.currency));
  const query = new URLSearchParams(Object.entries(page.params).filter(([key]) => key !== "source")).toString();
  return (
    <ReportFrame
      orgSlug={slug}
      freshness={page.freshness}
      connected={page.connected}
      csvHref={`/api/o/${slug}/reports/ltv-by-source${query ? `?${query}` : ""}`}
      definition={`A customer's lifetime value is the sum of its payments in ${report.currency} (each at its own rate; credits do not reduce it), grouped by lead source (trimmed, ignoring case). A date range picks a cohort: customers whose first approved invoice falls in it. CAC is the source's marketing spend in those months divided by its new customers. Payback months is CAC divided by what the source's paying new customers paid per customer-month, counting each one's calendar months from its first approved invoice's month to this month (both included), rounded to one place, and blank when spend is missing, zero or not in ${report.currency}, or no new customer paid. Prepayments, overpayments and credit-note refunds are not counted yet.`}
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
            <TableHead className="text-right">Payback (months)</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.rows.map((r) => (
            <TableRow key={r.leadSource}>
              <TableCell>
                <Link className="underline-offset-4 hover:underline" href={drillHref(r.leadSource)}>
                  {r.leadSource}
                </Link>
              </TableCell>
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
              <TableCell className="text-right tabular-nums">{r.paybackMonths ?? "-"}</TableCell>
            </TableRow>
          ))}
          {report.rows.length ? null : (
            <TableRow>
              <TableCell colSpan={12} className="text-muted-foreground text-center">
                No customers in this range yet. Add lead sources to customers (or import them) and record marketing spend in Settings.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <p className="text-muted-foreground text-sm">Paid by Xero contacts linked to no customer (not in the rows): {money(report.unlinkedPaid)}.</p>
      {drilldown ? (
        <section id="customers" className="grid gap-2">
          <h2 className="font-semibold">
            Customers from {drilldown.leadSource} ({drilldown.total}
            {drilldown.total > drilldown.customers.length ? `, the ${drilldown.customers.length} most valuable shown` : ""})
          </h2>
          <Table data-testid="ltv-drilldown">
            <TableHeader>
              <TableRow>
                <TableHead>Customer</TableHead>
                <TableHead className="text-right">Lifetime value</TableHead>
                <TableHead className="text-right">Payments</TableHead>
                <TableHead>First invoice</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {drilldown.customers.map((c) => (
                <TableRow key={c.customerId}>
                  <TableCell>
                    <Link className="underline underline-offset-4" href={`/o/${slug}/customers/${c.customerId}`}>
                      {c.name}
                    </Link>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(c.ltv)}</TableCell>
                  <TableCell className="text-right tabular-nums">{c.payments}</TableCell>
                  <TableCell>{c.firstInvoiceDate ?? "Not invoiced yet"}</TableCell>
                </TableRow>
              ))}
              {drilldown.customers.length ? null : (
                <TableRow>
                  <TableCell colSpan={4} className="text-muted-foreground text-center">
                    No customers from this source in the range.
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </section>
      ) : null}
    </ReportFrame>
  );
}
