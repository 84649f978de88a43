import { ExchangeRateCard } from "@/components/reports/exchange-rate-card";
import { MoneyChart } from "@/components/reports/money-chart";
import { NoReportAccess } from "@/components/reports/no-report-access";
import { ReportFrame } from "@/components/reports/report-frame";
import { ReceivablesTieOutCard } from "@/components/reports/receivables-tie-out-card";
import { ReportRangeForm } from "@/components/reports/report-range-form";
import { XeroPerformanceCard } from "@/components/reports/xero-performance-card";
import { FigureCard } from "@/components/reports/figure-card";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { formatMoney } from "@/lib/crm/money";
import { ageingReport } from "@/lib/reports/ageing-report";
import { receivablesExchangeLines } from "@/lib/reports/exchange-rate-lines";
import { receivablesTieOut } from "@/lib/reports/receivables-tie-out";
import { loadReportPage } from "@/lib/reports/report-page";
import { xeroPerformance } from "@/lib/reports/xero-performance";
import { pullBalanceSheetAction } from "./actions";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function CashFlowReportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const page = await loadReportPage(await requireOrg(slug), "cash-flow", await searchParams);
  if (!page.allowed) return <NoReportAccess />;
  const { report, scope } = page;
  const [ageing, performance, exchangeLines] = await Promise.all([ageingReport(getDb(), scope, { asOf: report.asOf }), xeroPerformance(getDb(), scope, page.xeroTenantId), receivablesExchangeLines(getDb(), scope)]);
  const tieOut = await receivablesTieOut(getDb(), scope, page.xeroTenantId, ageing.total);
  const money = (v: string) => formatMoney(v, report.currency);
  const asOfQuery = `?asOf=${report.asOf}`;
  const buckets = [
    { label: "Current", value: ageing.current },
    { label: "1-30 days", value: ageing.days1to30 },
    { label: "31-60 days", value: ageing.days31to60 },
    { label: "61-90 days", value: ageing.days61to90 },
    { label: "Over 90 days", value: ageing.over90 },
  ];
  return (
    <ReportFrame
      orgSlug={slug}
      freshness={page.freshness}
      connected={page.connected}
      csvHref={`/api/o/${slug}/reports/cash-flow${asOfQuery}`}
      definition={`Cash expected in ${report.currency} in the 13 weeks from the Monday of ${report.asOf}: each open invoice's amount due on its due date plus the customer's usual lateness (never before the as-of day), open deals at their close date times the stage's probability, won deals not yet invoiced a week after the win, and active subscriptions at their next billing date plus payment terms. Amounts in other currencies are shown apart. Prepayments, overpayments and credit-note refunds are not counted yet.`}
    >
      <ReportRangeForm fields={[{ name: "asOf", label: "As of", type: "date" }]} values={{ asOf: report.asOf }} error={page.rangeError} />
      <div className="grid gap-4 sm:grid-cols-3">
        <FigureCard title="Receivables" testId="receivables">
          {money(ageing.total)}
        </FigureCard>
        <FigureCard title="Already past due (in week 1)">
          {money(report.overdue)}
        </FigureCard>
        <FigureCard title="Days sales outstanding">
          {report.dso ?? <span className="text-muted-foreground text-base font-normal">Nothing invoiced in the last 90 days</span>}
        </FigureCard>
      </div>
      <ExchangeRateCard lines={exchangeLines} baseCurrency={report.currency} />
      <ReceivablesTieOutCard tieOut={tieOut} orgSlug={slug} connected={page.connected} pull={pullBalanceSheetAction} />
      <XeroPerformanceCard performance={performance} connected={page.connected} />
      <Card>
        <CardContent className="pt-6">
          <MoneyChart
            label="Cash expected per week"
            rows={report.weeks}
            xKey="weekStart"
            currency={report.currency}
            series={[
              { key: "fromInvoices", label: "Open invoices", color: "var(--chart-1)", stack: "cash" },
              { key: "fromDeals", label: "Deals", color: "var(--chart-2)", stack: "cash" },
              { key: "fromSubscriptions", label: "Subscriptions", color: "var(--chart-3)", stack: "cash" },
            ]}
          />
        </CardContent>
      </Card>
      <Table data-testid="cash-flow-table">
        <TableHeader>
          <TableRow>
            <TableHead>Week starting</TableHead>
            <TableHead className="text-right">Open invoices</TableHead>
            <TableHead className="text-right">Deals</TableHead>
            <TableHead className="text-right">Subscriptions</TableHead>
            <TableHead className="text-right">Expected</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.weeks.map((w) => (
            <TableRow key={w.weekStart}>
              <TableCell>{w.weekStart}</TableCell>
              <TableCell className="text-right tabular-nums">{money(w.fromInvoices)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(w.fromDeals)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(w.fromSubscriptions)}</TableCell>
              <TableCell className="text-right font-medium tabular-nums">{money(w.expected)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>Later</TableCell>
            <TableCell colSpan={3} />
            <TableCell className="text-right font-medium tabular-nums">{money(report.later)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {report.otherCurrencies.length ? (
        <p className="text-muted-foreground text-sm">
          Not in {report.currency}, so not in the weeks above:{" "}
          {report.otherCurrencies.map((o) => `${o.currency} ${o.fromDeals} from deals, ${o.fromSubscriptions} from subscriptions`).join("; ")}.
        </p>
      ) : null}
      <Card id="ageing">
        <CardHeader className="flex flex-row items-center justify-between">
          <CardTitle>Ageing of receivables</CardTitle>
          <a className="text-sm underline underline-offset-4" href={`/api/o/${slug}/reports/ageing${asOfQuery}`} download data-testid="ageing-csv">
            Ageing CSV
          </a>
        </CardHeader>
        <CardContent>
          <p className="text-muted-foreground mb-3 text-sm">Open invoices&apos; amount due by days past due on {report.asOf}, from current balances.</p>
          <MoneyChart label="Ageing" rows={buckets.map((b) => ({ bucket: b.label, amount: b.value }))} xKey="bucket" currency={report.currency} series={[{ key: "amount", label: "Amount due", color: "var(--chart-4)" }]} />
        </CardContent>
      </Card>
    </ReportFrame>
  );
}
