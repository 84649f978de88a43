import { MoneyChart } from "@/components/reports/money-chart";
import { NoReportAccess } from "@/components/reports/no-report-access";
import { ReportFrame } from "@/components/reports/report-frame";
import { ReportRangeForm } from "@/components/reports/report-range-form";
import { RevenueSplitTable } from "@/components/reports/revenue-split-table";
import { FigureCard } from "@/components/reports/figure-card";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { formatMoney } from "@/lib/crm/money";
import { divideDecimals, multiplyDecimals } from "@/lib/reports/money-rules";
import { loadReportPage } from "@/lib/reports/report-page";
import { requireOrg } from "@/lib/tenancy/require-org";
import { monthToDate } from "@/lib/reports/revenue-report";
import { revenueSplit, splitOf } from "@/lib/reports/revenue-split";

export default async function RevenueReportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const page = await loadReportPage(await requireOrg(slug), "revenue", await searchParams);
  if (!page.allowed) return <NoReportAccess />;
  const { report, scope } = page;
  // The split covers the range the report shows (the default one when the URL's was refused); an unknown ?split= is the default.
  const chosenSplit = splitOf(page.params.split);
  const [mtd, split] = await Promise.all([monthToDate(getDb(), scope), revenueSplit(getDb(), scope, { from: report.from, to: report.to, split: chosenSplit })]);
  const money = (v: string | null) => (v === null ? "-" : formatMoney(v, report.currency));
  const query = new URLSearchParams({ from: report.from, to: report.to }).toString();
  return (
    <ReportFrame
      orgSlug={slug}
      freshness={page.freshness}
      connected={page.connected}
      csvHref={`/api/o/${slug}/reports/revenue${query ? `?${query}` : ""}`}
      definition={`Per calendar month, by each document's own date, in ${report.currency} (each document at its own exchange rate, rounded per document): invoiced is the Total of approved and paid sales invoices, credited the Total of approved and paid credit notes, collected the payments received. Prepayments, overpayments and credit-note refunds are not counted yet.`}
    >
      <ReportRangeForm fields={[{ name: "from", label: "From month", type: "month" }, { name: "to", label: "To month", type: "month" }]} values={{ from: report.from, to: report.to }} error={page.rangeError} keep={{ split: chosenSplit }} />
      <div className="grid gap-4 sm:grid-cols-3">
        <FigureCard title={<>Invoiced this month ({mtd.daysElapsed} of {mtd.daysInMonth} days)</>} testId="mtd-invoiced">
          {money(mtd.invoiced)}
        </FigureCard>
        <FigureCard title="Projected month end">
          {money(mtd.projectedInvoiced)}
        </FigureCard>
        <FigureCard title="Monthly goal">
          {report.goal ? money(report.goal) : <span className="text-muted-foreground text-base font-normal">Set one in Settings -&gt; Organisation</span>}
        </FigureCard>
      </div>
      <Card>
        <CardContent className="pt-6">
          <MoneyChart
            label="Revenue per month"
            rows={report.months}
            xKey="month"
            currency={report.currency}
            goal={report.goal}
            series={[
              { key: "invoiced", label: "Invoiced", color: "var(--chart-1)" },
              { key: "collected", label: "Collected", color: "var(--chart-2)" },
              { key: "credited", label: "Credited", color: "var(--chart-3)" },
            ]}
          />
        </CardContent>
      </Card>
      <Table data-testid="revenue-table">
        <TableHeader>
          <TableRow>
            <TableHead>Month</TableHead>
            <TableHead className="text-right">Invoiced</TableHead>
            <TableHead className="text-right">Credited</TableHead>
            <TableHead className="text-right">Collected</TableHead>
            <TableHead className="text-right">Invoiced vs goal</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...report.months].reverse().map((m) => (
            <TableRow key={m.month}>
              <TableCell>{m.month}</TableCell>
              <TableCell className="text-right tabular-nums">{money(m.invoiced)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(m.credited)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(m.collected)}</TableCell>
              <TableCell className="text-right tabular-nums">{report.goal ? `${divideDecimals(multiplyDecimals(m.invoiced, "100", 2), report.goal, 0) ?? "-"}%` : "-"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <RevenueSplitTable split={split} orgSlug={slug} />
    </ReportFrame>
  );
}
