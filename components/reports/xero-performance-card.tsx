import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/crm/money";
import { multiplyDecimals } from "@/lib/reports/money-rules";
import type { XeroPerformance } from "@/lib/reports/xero-performance";

/** Burn rate, profit margin and runway from Xero's Profit and Loss and Bank Summary of the last three months. */
export function XeroPerformanceCard({ performance, connected }: { performance: XeroPerformance | null; connected: boolean }) {
  const money = (v: string) => formatMoney(v, performance?.currency ?? "USD");
  return (
    <Card data-testid="xero-performance">
      <CardHeader>
        <CardTitle className="text-base">Burn rate and margin{performance ? ` (${performance.from} to ${performance.to})` : ""}</CardTitle>
      </CardHeader>
      <CardContent className="text-sm">
        {performance ? (
          <>
            <dl className="grid max-w-xl grid-cols-2 gap-2">
              <dt className="text-muted-foreground">Monthly burn (cash spent less received, a month)</dt>
              <dd className="text-right tabular-nums" data-testid="monthly-burn">
                {performance.monthlyBurn.startsWith("-") ? `Cash grew ${money(performance.monthlyBurn.slice(1))} a month` : money(performance.monthlyBurn)}
              </dd>
              <dt className="text-muted-foreground">Runway at that burn</dt>
              <dd className="text-right tabular-nums">{performance.runwayMonths === null ? "Not burning cash" : `${performance.runwayMonths} months`}</dd>
              <dt className="text-muted-foreground">Profit margin (net profit / income)</dt>
              <dd className="text-right tabular-nums" data-testid="profit-margin">
                {performance.profitMargin === null ? "No income" : `${multiplyDecimals(performance.profitMargin, "100", 2)}%`}
              </dd>
              <dt className="text-muted-foreground">Income / net profit</dt>
              <dd className="text-right tabular-nums">
                {money(performance.totalIncome)} / {money(performance.netProfit)}
              </dd>
              <dt className="text-muted-foreground">Bank balance at {performance.to}</dt>
              <dd className="text-right tabular-nums">{money(performance.closingBalance)}</dd>
            </dl>
            <p className="text-muted-foreground mt-2 text-xs">From Xero&apos;s Profit and Loss and Bank Summary, pulled {performance.fetchedAt.toISOString().slice(0, 16).replace("T", " ")} UTC; pulled again every morning.</p>
          </>
        ) : (
          <p className="text-muted-foreground">{connected ? "Not pulled yet: Pull from Xero (above) fetches Xero's Profit and Loss and Bank Summary for the last three months." : "Connect Xero to see burn rate and margin from Xero's own reports."}</p>
        )}
      </CardContent>
    </Card>
  );
}
