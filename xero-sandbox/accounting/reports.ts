import type { SandboxResponse } from "../http";
import type { ApiContext } from "./context";
import { badRequestMessage } from "./errors";
import { addDays, addMonths, monthEnd, parseDateInput } from "./format";
import { param } from "./list-query";
import { bankMovement, expensesByAccount, incomeByAccount, type ByAccount } from "./report-figures";
import { accountRow, label, longDate, moneyCell, report, sum, summaryRow, type Row } from "./report-json";

/** ProfitAndLoss and BankSummary, computed from the organisation's own books (report-figures.ts). */

/** Months a timeframe steps by, or 0 for one Xero does not know. */
export function timeframeMonths(value: string | null | undefined): number {
  const timeframe = (value ?? "MONTH").toUpperCase();
  return timeframe === "QUARTER" ? 3 : timeframe === "YEAR" ? 12 : timeframe === "MONTH" ? 1 : 0;
}

/** `periods` comparisons (0-12) from the query, or why not. */
export function periodCount(ctx: ApiContext): number | string {
  const periods = Number(param(ctx.req, "periods") ?? 0);
  if (periods && (periods < 1 || periods > 12 || !Number.isInteger(periods))) return "periods must be a whole number from 1 to 12";
  return periods;
}

function periodsOf(ctx: ApiContext): { from: string; to: string }[] | string {
  const today = ctx.sandbox.clock.today();
  const from = parseDateInput(param(ctx.req, "fromDate")) ?? `${today.slice(0, 8)}01`;
  const to = parseDateInput(param(ctx.req, "toDate")) ?? monthEnd(from);
  if (to < from) return "fromDate must be before toDate";
  const periods = periodCount(ctx);
  if (typeof periods === "string") return periods;
  const step = timeframeMonths(param(ctx.req, "timeframe"));
  if (!step) return "timeframe must be MONTH, QUARTER or YEAR";
  const out = [{ from, to }];
  for (let i = 1; i <= periods; i++) {
    const start = addMonths(from, -step * i);
    out.push({ from: start, to: addDays(addMonths(start, step), -1) });
  }
  return out;
}

export function profitAndLoss(ctx: ApiContext): SandboxResponse {
  const periods = periodsOf(ctx);
  if (typeof periods === "string") return badRequestMessage(periods);
  const { org } = ctx;
  const income = periods.map((p) => incomeByAccount(org, p.from, p.to));
  const expenses = periods.map((p) => expensesByAccount(org, p.from, p.to));
  const section = (title: string, data: ByAccount[], totalLabel: string): Row => {
    const codes = [...new Set(data.flatMap((m) => [...m.keys()]))].sort();
    const rows = codes.map((code) => {
      const account = org.accountByCode(code);
      return accountRow(account?.Name ?? (code || "Uncategorised"), account?.AccountID, data.map((m) => m.get(code) ?? 0));
    });
    return { RowType: "Section", Title: title, Rows: [...rows, summaryRow(totalLabel, data.map((m) => sum(m.values())))] };
  };
  const line = (name: string, columns: number[]): Row => ({ RowType: "Section", Title: "", Rows: [{ RowType: "Row", Cells: [{ Value: name }, ...columns.map((c) => moneyCell(c))] }] });
  const totalIncome = income.map((m) => sum(m.values()));
  return report(ctx, "ProfitAndLoss", "Profit and Loss", ["Profit and Loss", org.profile.name, `${longDate(periods[0].from)} to ${longDate(periods[0].to)}`], [
    { RowType: "Header", Cells: [{ Value: "" }, ...periods.map((p) => ({ Value: label(p.to) }))] },
    section("Income", income, "Total Income"),
    line("Gross Profit", totalIncome),
    section("Less Operating Expenses", expenses, "Total Operating Expenses"),
    line("Net Profit", totalIncome.map((c, i) => c - sum(expenses[i].values()))),
  ]);
}

export function bankSummary(ctx: ApiContext): SandboxResponse {
  const periods = periodsOf(ctx);
  if (typeof periods === "string") return badRequestMessage(periods);
  const { from, to } = periods[0];
  const { org } = ctx;
  const rows: Row[] = [];
  const totals = [0, 0, 0, 0];
  for (const account of org.accounts.filter((a) => a.Type === "BANK")) {
    const before = bankMovement(org, account.AccountID, "0000-01-01", addDays(from, -1));
    const opening = before.received - before.spent;
    const { received, spent } = bankMovement(org, account.AccountID, from, to);
    const columns = [opening, received, spent, opening + received - spent];
    columns.forEach((c, i) => (totals[i] += c));
    rows.push({ RowType: "Row", Cells: [{ Value: account.Name, Attributes: [{ Value: account.AccountID, Id: "accountID" }] }, ...columns.map((c) => moneyCell(c))] });
  }
  rows.push(summaryRow("Total", totals));
  return report(ctx, "BankSummary", "Bank Summary", ["Bank Summary", org.profile.name, `From ${longDate(from)} to ${longDate(to)}`], [
    { RowType: "Header", Cells: [{ Value: "Bank Accounts" }, { Value: "Opening Balance" }, { Value: "Cash Received" }, { Value: "Cash Spent" }, { Value: "Closing Balance" }] },
    { RowType: "Section", Title: "", Rows: rows },
  ]);
}
