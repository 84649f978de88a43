import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { deals, pipelineStages } from "@/db/schema";
import { countUnread } from "@/lib/notifications/notify";
import { ageingReport } from "./ageing-report";
import { leakageTotals } from "./leakage-report";
import { divideDecimals, subtractDecimals } from "./money-rules";
import type { ReportScope } from "./report-scope";
import { monthToDate } from "./revenue-report";

export interface DashboardFigures {
  currency: string;
  today: string;
  /** Everything open (the ageing report's total). */
  receivables: string;
  /** The part of receivables past its due date. */
  overdue: string;
  /** Payments received this calendar month (the revenue report's current month). */
  collectedThisMonth: string;
  monthlyGoal: string | null;
  /** collectedThisMonth / monthlyGoal, 4 dp; null without a goal. */
  goalShare: string | null;
  /** Open deals in the base currency at amount x their stage's probability (rounded per deal). */
  weightedPipeline: string;
  openDeals: number;
  /** Open deals in other currencies, weighted the same way, never summed into the base figure. */
  otherCurrencyPipeline: { currency: string; amount: string }[];
  /** The leakage report's totals per currency. */
  moneyAtRisk: { currency: string; amount: string }[];
  /** The member's unread notifications in this organisation. */
  openAlerts: number;
}

/**
 * The dashboard's figures, each taken from the report it links to (the same functions, so a figure
 * is the same number there): ageing for receivables and overdue, revenue's month for collected,
 * leakage's totals for money at risk; the weighted pipeline is the one figure of its own.
 */
export async function dashboardFigures(db: Db, scope: ReportScope, userId: string): Promise<DashboardFigures> {
  const [ageing, month, pipeline, moneyAtRisk, openAlerts] = await Promise.all([ageingReport(db, scope, {}), monthToDate(db, scope), weightedPipeline(db, scope), leakageTotals(db, scope), countUnread(db, userId, scope.orgId)]);
  const base = pipeline.find((p) => p.currency === scope.currency);
  return {
    currency: scope.currency,
    today: scope.today,
    receivables: ageing.total,
    overdue: subtractDecimals(ageing.total, ageing.current),
    collectedThisMonth: month.collected,
    monthlyGoal: scope.monthlyGoal,
    goalShare: divideDecimals(month.collected, scope.monthlyGoal, 4),
    weightedPipeline: base?.amount ?? "0.00",
    openDeals: base?.deals ?? 0,
    otherCurrencyPipeline: pipeline.filter((p) => p.currency !== scope.currency).map(({ currency, amount }) => ({ currency, amount })),
    moneyAtRisk,
    openAlerts,
  };
}

async function weightedPipeline(db: Db, scope: ReportScope) {
  const { rows } = await db.execute<{ currency: string; amount: string; deals: number }>(sql`
    select ${deals.currency} as currency, sum(round(${deals.amount} * ${pipelineStages.probability} / 100.0, 2))::numeric(18, 2)::text as amount, count(*)::int as deals
    from ${deals} join ${pipelineStages} on ${pipelineStages.id} = ${deals.stageId}
    where ${deals.orgId} = ${scope.orgId} and ${pipelineStages.kind} = 'open'
    group by ${deals.currency} order by ${deals.currency}`);
  return rows;
}
