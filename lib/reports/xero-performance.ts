import type { Db } from "@/db";
import { addDays, addMonths } from "@/lib/calendar";
import { callXero } from "@/lib/xero/call-xero";
import type { XeroCallPurpose } from "@/lib/xero/rate-limiter";
import { divideDecimals, multiplyDecimals, subtractDecimals } from "./money-rules";
import type { ReportScope } from "./report-scope";
import { isFresh, reportSnapshots, saveReportSnapshot } from "./xero-report-snapshots";
import { requiredReportFigure, type ReportRowLike } from "./xero-report-rows";

/** Burn and margin are measured over the last three complete calendar months. */
export const PERFORMANCE_MONTHS = 3;

/** The last PERFORMANCE_MONTHS complete months before `today`'s month: first and last day. */
export function performancePeriod(today: string): { from: string; to: string } {
  const month = today.slice(0, 7);
  return { from: `${addMonths(month, -PERFORMANCE_MONTHS)}-01`, to: addDays(`${month}-01`, -1) };
}

/**
 * Pulls Xero's Profit and Loss and Bank Summary for the last three complete months and keeps the
 * figures burn and margin are made of (two calls), each written only if the books that answered
 * are still the connected ones.
 */
export async function pullXeroPerformance(db: Db, orgId: string, today: string, purpose: XeroCallPurpose = "sync", now = new Date()) {
  const { from, to } = performancePeriod(today);
  if (purpose === "manual") {
    // A button pressed in a loop costs two calls a minute, not two a press.
    const last = await reportSnapshots(db, orgId, ["ProfitAndLoss", "BankSummary"]);
    if (last.length === 2 && last.every((r) => r.figures.from === from && isFresh(r, now))) return;
  }
  const pnl = await callXero(db, orgId, { method: "GET", path: "/Reports/ProfitAndLoss", purpose }, (xero, tenantId) => xero.accountingApi.getReportProfitAndLoss(tenantId, from, to));
  const pnlRows = (pnl.body.reports?.[0]?.rows ?? []) as ReportRowLike[];
  const pnlFigures = { from, to, totalIncome: requiredReportFigure(pnlRows, "Total Income", "Profit and Loss"), netProfit: requiredReportFigure(pnlRows, "Net Profit", "Profit and Loss") };
  const bank = await callXero(db, orgId, { method: "GET", path: "/Reports/BankSummary", purpose }, (xero, tenantId) => xero.accountingApi.getReportBankSummary(tenantId, from, to));
  const bankRows = (bank.body.reports?.[0]?.rows ?? []) as ReportRowLike[];
  // The Total row's columns: opening balance, cash received, cash spent, closing balance.
  const bankFigures = { from, to, cashReceived: requiredReportFigure(bankRows, "Total", "Bank Summary", 2), cashSpent: requiredReportFigure(bankRows, "Total", "Bank Summary", 3), closingBalance: requiredReportFigure(bankRows, "Total", "Bank Summary", 4) };
  await saveReportSnapshot(db, orgId, pnl.xeroTenantId, "ProfitAndLoss", to, pnlFigures, now);
  await saveReportSnapshot(db, orgId, bank.xeroTenantId, "BankSummary", to, bankFigures, now);
}

export interface XeroPerformance {
  currency: string;
  from: string;
  to: string;
  fetchedAt: Date;
  totalIncome: string;
  netProfit: string;
  /** Net profit / total income, 4 dp; null with no income. */
  profitMargin: string | null;
  cashReceived: string;
  cashSpent: string;
  /** (cash spent - cash received) / 3: the cash the business uses a month; negative when cash grows. */
  monthlyBurn: string;
  closingBalance: string;
  /** Months the closing bank balance lasts at that burn, 1 dp; null when cash is not shrinking. */
  runwayMonths: string | null;
}

/** Burn rate, profit margin and runway from the last pulled Profit and Loss and Bank Summary (of today's books only). */
export async function xeroPerformance(db: Db, scope: ReportScope, xeroTenantId: string | null): Promise<XeroPerformance | null> {
  const rows = await reportSnapshots(db, scope.orgId, ["ProfitAndLoss", "BankSummary"]);
  const pnl = rows.find((r) => r.report === "ProfitAndLoss");
  const bank = rows.find((r) => r.report === "BankSummary");
  if (!pnl || !bank || pnl.xeroTenantId !== xeroTenantId || bank.xeroTenantId !== xeroTenantId || pnl.figures.from !== bank.figures.from) return null;
  const p = pnl.figures;
  const b = bank.figures;
  const monthlyBurn = divideDecimals(subtractDecimals(b.cashSpent, b.cashReceived), String(PERFORMANCE_MONTHS), 2)!;
  const burning = !monthlyBurn.startsWith("-") && monthlyBurn !== "0.00";
  return {
    currency: scope.currency,
    from: p.from,
    to: p.to,
    fetchedAt: pnl.fetchedAt < bank.fetchedAt ? pnl.fetchedAt : bank.fetchedAt,
    totalIncome: p.totalIncome,
    netProfit: p.netProfit,
    profitMargin: divideDecimals(p.netProfit, p.totalIncome, 4),
    cashReceived: b.cashReceived,
    cashSpent: b.cashSpent,
    monthlyBurn,
    closingBalance: b.closingBalance,
    // Divided from the exact three-month terms, rounded once: balance x 3 / (spent - received).
    runwayMonths: burning ? divideDecimals(multiplyDecimals(b.closingBalance, String(PERFORMANCE_MONTHS), 2), subtractDecimals(b.cashSpent, b.cashReceived), 1) : null,
  };
}
