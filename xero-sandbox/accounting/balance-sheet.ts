import type { SandboxResponse } from "../http";
import type { Organisation } from "../store/organisation";
import type { ApiContext } from "./context";
import { badRequestMessage } from "./errors";
import { addMonths, monthEnd, parseDateInput } from "./format";
import { param } from "./list-query";
import { bankMovement, expensesByAccount, incomeByAccount, payables, receivables } from "./report-figures";
import { accountRow, longDate, report, sum, summaryRow, type Row } from "./report-json";
import { periodCount, timeframeMonths } from "./reports";

/** "28 Feb 2025", as Xero heads a Balance Sheet column. */
const columnDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A comparison date `months` back: month ends stay month ends (31 Mar back from 30 Apr). */
function monthsBack(date: string, months: number): string {
  const back = addMonths(date, -months);
  return date === monthEnd(date) ? monthEnd(back) : back;
}

/** Net profit from the start of the financial year to `date` (the organisation's year ends 31 December, as /Organisation says). */
function currentYearEarnings(org: Organisation, date: string): number {
  const from = `${date.slice(0, 4)}-01-01`;
  return sum(incomeByAccount(org, from, date).values()) - sum(expensesByAccount(org, from, date).values());
}

/**
 * GET /Reports/BalanceSheet?date=YYYY-MM-DD[&periods=N&timeframe=MONTH|QUARTER|YEAR], in the
 * layout of Xero's own example: Assets (Bank, Current Assets with Accounts Receivable), Liabilities
 * (Current Liabilities with Accounts Payable), Net Assets, Equity. Bank balances are the dated cash
 * movements up to each date; receivables and payables are today's balances of the documents dated
 * by then (the sandbox keeps no history of balances). The sandbox posts no tax, exchange gains or
 * opening balances, so Retained Earnings takes the difference and the sheet balances, as Xero's does.
 * trackingOptionID1/2, standardLayout and paymentsOnly are accepted and make no difference here.
 */
export function balanceSheet(ctx: ApiContext): SandboxResponse {
  const { org } = ctx;
  const given = param(ctx.req, "date");
  const date = given ? parseDateInput(given) : ctx.sandbox.clock.today();
  if (!date) return badRequestMessage("date must be a date (YYYY-MM-DD)");
  const periods = periodCount(ctx);
  if (typeof periods === "string") return badRequestMessage(periods);
  const step = timeframeMonths(param(ctx.req, "timeframe"));
  if (!step) return badRequestMessage("timeframe must be MONTH, QUARTER or YEAR");
  const dates = [date, ...Array.from({ length: periods }, (_, i) => monthsBack(date, step * (i + 1)))];

  const banks = org.accounts.filter((a) => a.Type === "BANK");
  const bankColumns = banks.map((a) => dates.map((d) => {
    const { received, spent } = bankMovement(org, a.AccountID, "0000-01-01", d);
    return received - spent;
  }));
  const totalBank = dates.map((_, i) => sum(bankColumns.map((columns) => columns[i])));
  const ar = dates.map((d) => receivables(org, d));
  const totalAssets = dates.map((_, i) => totalBank[i] + ar[i]);
  const ap = dates.map((d) => payables(org, d));
  const netAssets = dates.map((_, i) => totalAssets[i] - ap[i]);
  const earnings = dates.map((d) => currentYearEarnings(org, d));
  const retained = dates.map((_, i) => netAssets[i] - earnings[i]);

  const arAccount = org.accounts.find((a) => a.Code === "610");
  const apAccount = org.accounts.find((a) => a.Code === "800");
  const section = (Title: string, Rows: Row[]): Row => ({ RowType: "Section", Title, Rows });
  return report(ctx, "BalanceSheet", "Balance Sheet", ["Balance Sheet", org.profile.name, `As at ${longDate(date)}`], [
    { RowType: "Header", Cells: [{ Value: "" }, ...dates.map((d) => ({ Value: columnDate(d) }))] },
    section("Assets", []),
    section("Bank", [...banks.map((a, i) => accountRow(a.Name, a.AccountID, bankColumns[i])), summaryRow("Total Bank", totalBank)]),
    section("Current Assets", [accountRow(arAccount?.Name ?? "Accounts Receivable", arAccount?.AccountID, ar), summaryRow("Total Current Assets", ar)]),
    section("", [summaryRow("Total Assets", totalAssets)]),
    section("Liabilities", []),
    section("Current Liabilities", [accountRow(apAccount?.Name ?? "Accounts Payable", apAccount?.AccountID, ap), summaryRow("Total Current Liabilities", ap)]),
    section("", [summaryRow("Total Liabilities", ap)]),
    section("", [accountRow("Net Assets", undefined, netAssets)]),
    section("Equity", [accountRow("Current Year Earnings", undefined, earnings), accountRow("Retained Earnings", undefined, retained), summaryRow("Total Equity", netAssets)]),
  ]);
}
