import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/crm/money";
import type { DashboardFigures } from "@/lib/reports/dashboard-report";
import { multiplyDecimals } from "@/lib/reports/money-rules";

function Figure({ href, title, testId, children, note }: { href: string; title: string; testId: string; children: React.ReactNode; note?: React.ReactNode }) {
  return (
    <Link href={href} className="group rounded-xl focus-visible:ring-2 focus-visible:outline-none" data-testid={testId}>
      <Card className="group-hover:border-foreground/30 h-full transition-colors">
        <CardHeader>
          <CardTitle className="text-muted-foreground text-sm font-medium">{title}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-1">
          <span className="text-2xl font-semibold tabular-nums" data-testid={`${testId}-value`}>
            {children}
          </span>
          {note ? <span className="text-muted-foreground text-xs">{note}</span> : null}
        </CardContent>
      </Card>
    </Link>
  );
}

/** The dashboard's figures, each a link to the report it comes from (the same number there). */
export function DashboardFiguresGrid({ figures, base }: { figures: DashboardFigures; base: string }) {
  const money = (v: string, currency = figures.currency) => formatMoney(v, currency);
  // The share is exact decimal text; the bar only needs a width.
  const percent = figures.goalShare === null ? null : multiplyDecimals(figures.goalShare, "100", 1);
  const width = percent === null ? 0 : Math.min(100, Number(percent));
  return (
    <section aria-label="Figures" className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Figure href={`${base}/reports/cash-flow`} title="Receivables" testId="dashboard-receivables" note="Open approved invoices, in the base currency">
        {money(figures.receivables)}
      </Figure>
      <Figure href={`${base}/reports/cash-flow#ageing`} title="Overdue" testId="dashboard-overdue" note="Of the receivables, past their due date (the ageing's 1-30 days and beyond)">
        {money(figures.overdue)}
      </Figure>
      <Figure
        href={`${base}/reports/revenue`}
        title="Collected this month"
        testId="dashboard-collected"
        note={
          figures.monthlyGoal ? (
            <span className="grid gap-1">
              <span>
                {percent}% of the {money(figures.monthlyGoal)} monthly goal
              </span>
              <span className="bg-muted block h-1.5 w-full overflow-hidden rounded-full" role="progressbar" aria-label="Collected against the monthly goal" aria-valuemin={0} aria-valuemax={100} aria-valuenow={width}>
                <span className="bg-primary block h-full" style={{ width: `${width}%` }} />
              </span>
            </span>
          ) : (
            "No monthly goal yet: set one in Settings -> Organisation"
          )
        }
      >
        {money(figures.collectedThisMonth)}
      </Figure>
      <Figure
        href={`${base}/deals`}
        title="Weighted pipeline"
        testId="dashboard-pipeline"
        note={
          <>
            {figures.openDeals} open deal{figures.openDeals === 1 ? "" : "s"} at their stage&apos;s probability, beside {money(figures.receivables)} receivable
            {figures.otherCurrencyPipeline.map((p) => `; ${money(p.amount, p.currency)} in ${p.currency} apart`).join("")}
          </>
        }
      >
        {money(figures.weightedPipeline)}
      </Figure>
      <Figure href={`${base}/reports/leakage`} title="Money at risk" testId="dashboard-leakage" note="Won deals not billed as won">
        {figures.moneyAtRisk.length ? figures.moneyAtRisk.map((t) => money(t.amount, t.currency)).join(" + ") : money("0")}
      </Figure>
      <Figure href={`${base}/notifications`} title="Open alerts" testId="dashboard-alerts" note="Your unread notifications">
        {figures.openAlerts}
      </Figure>
    </section>
  );
}
