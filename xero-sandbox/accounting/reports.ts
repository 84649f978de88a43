import { json, type SandboxResponse } from "../http";
import type { Organisation } from "../store/organisation";
import type { ApiContext } from "./context";
import { badRequestMessage } from "./errors";
import { addDays, addMonths, msDate, parseDateInput, round2 } from "./format";
import { param } from "./list-query";

/** Reports computed from the sandbox's own books, in Xero's nested Rows/Cells of strings. */

type Cell = { Value: string; Attributes?: { Value: string; Id: string }[] };
type Row = { RowType: "Header" | "Section" | "Row" | "SummaryRow"; Title?: string; Cells?: Cell[]; Rows?: Row[] };

const money = (n: number) => round2(n).toFixed(2);
const monthEnd = (ymd: string) => addDays(addMonths(`${ymd.slice(0, 8)}01`, 1), -1);
const label = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "2-digit", timeZone: "UTC" });
const longDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function report(ctx: ApiContext, id: string, name: string, titles: string[], rows: Row[]): SandboxResponse {
  return json(200, {
    Id: crypto.randomUUID(),
    Status: "OK",
    ProviderName: ctx.grant.clientId,
    DateTimeUTC: msDate(ctx.now),
    Reports: [{ ReportID: id, ReportName: name, ReportType: id, ReportTitles: titles, ReportDate: longDate(ctx.sandbox.clock.today()), UpdatedDateUTC: msDate(ctx.now), Fields: [], Rows: rows }],
  });
}

function periodsOf(ctx: ApiContext): { from: string; to: string }[] | string {
  const today = ctx.sandbox.clock.today();
  const from = parseDateInput(param(ctx.req, "fromDate")) ?? `${today.slice(0, 8)}01`;
  const to = parseDateInput(param(ctx.req, "toDate")) ?? monthEnd(from);
  if (to < from) return "fromDate must be before toDate";
  const periods = Number(param(ctx.req, "periods") ?? 0);
  if (periods && (periods < 1 || periods > 12 || !Number.isInteger(periods))) return "periods must be a whole number from 1 to 12";
  const timeframe = (param(ctx.req, "timeframe") ?? "MONTH").toUpperCase();
  const step = timeframe === "QUARTER" ? 3 : timeframe === "YEAR" ? 12 : timeframe === "MONTH" ? 1 : 0;
  if (!step) return "timeframe must be MONTH, QUARTER or YEAR";
  const out = [{ from, to }];
  for (let i = 1; i <= periods; i++) {
    const start = addMonths(from, -step * i);
    out.push({ from: start, to: addDays(addMonths(start, step), -1) });
  }
  return out;
}

function incomeByAccount(org: Organisation, from: string, to: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const inv of org.invoices.values()) {
    if (inv.Type !== "ACCREC" || !["AUTHORISED", "PAID"].includes(inv.Status) || inv.Date < from || inv.Date > to) continue;
    for (const l of inv.LineItems) {
      const net = inv.LineAmountTypes === "Inclusive" ? l.LineAmount - l.TaxAmount : l.LineAmount;
      sums.set(l.AccountCode ?? "", (sums.get(l.AccountCode ?? "") ?? 0) + net);
    }
  }
  return sums;
}

function expensesByAccount(org: Organisation, from: string, to: string): Map<string, number> {
  const sums = new Map<string, number>();
  const add = (code: string | undefined, n: number) => sums.set(code ?? "", (sums.get(code ?? "") ?? 0) + n);
  for (const inv of org.invoices.values()) {
    if (inv.Type !== "ACCPAY" || !["AUTHORISED", "PAID"].includes(inv.Status) || inv.Date < from || inv.Date > to) continue;
    for (const l of inv.LineItems) add(l.AccountCode, l.LineAmount - (inv.LineAmountTypes === "Inclusive" ? l.TaxAmount : 0));
  }
  for (const b of org.bankTransactions.values()) {
    if (b.Type !== "SPEND" || b.Status !== "AUTHORISED" || b.Date < from || b.Date > to) continue;
    for (const l of b.LineItems) add(l.AccountCode, l.LineAmount - (b.LineAmountTypes === "Inclusive" ? l.TaxAmount : 0));
  }
  return sums;
}

export function profitAndLoss(ctx: ApiContext): SandboxResponse {
  const periods = periodsOf(ctx);
  if (typeof periods === "string") return badRequestMessage(periods);
  const { org } = ctx;
  const income = periods.map((p) => incomeByAccount(org, p.from, p.to));
  const expenses = periods.map((p) => expensesByAccount(org, p.from, p.to));
  const section = (title: string, data: Map<string, number>[], totalLabel: string): Row => {
    const codes = [...new Set(data.flatMap((m) => [...m.keys()]))].sort();
    const rows: Row[] = codes.map((code) => {
      const account = org.accountByCode(code);
      return {
        RowType: "Row",
        Cells: [{ Value: account?.Name ?? (code || "Uncategorised"), Attributes: [{ Value: account?.AccountID ?? "", Id: "account" }] }, ...data.map((m) => ({ Value: money(m.get(code) ?? 0), Attributes: [{ Value: account?.AccountID ?? "", Id: "account" }] }))],
      };
    });
    rows.push({ RowType: "SummaryRow", Cells: [{ Value: totalLabel }, ...data.map((m) => ({ Value: money([...m.values()].reduce((s, n) => s + n, 0)) }))] });
    return { RowType: "Section", Title: title, Rows: rows };
  };
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  return report(ctx, "ProfitAndLoss", "Profit and Loss", ["Profit and Loss", org.profile.name, `${longDate(periods[0].from)} to ${longDate(periods[0].to)}`], [
    { RowType: "Header", Cells: [{ Value: "" }, ...periods.map((p) => ({ Value: label(p.to) }))] },
    section("Income", income, "Total Income"),
    { RowType: "Section", Title: "", Rows: [{ RowType: "Row", Cells: [{ Value: "Gross Profit" }, ...income.map((m) => ({ Value: money(total(m)) }))] }] },
    section("Less Operating Expenses", expenses, "Total Operating Expenses"),
    { RowType: "Section", Title: "", Rows: [{ RowType: "Row", Cells: [{ Value: "Net Profit" }, ...income.map((m, i) => ({ Value: money(total(m) - total(expenses[i])) }))] }] },
  ]);
}

export function bankSummary(ctx: ApiContext): SandboxResponse {
  const periods = periodsOf(ctx);
  if (typeof periods === "string") return badRequestMessage(periods);
  const { from, to } = periods[0];
  const { org } = ctx;
  const rows: Row[] = [];
  let totals = [0, 0, 0, 0];
  for (const account of org.accounts.filter((a) => a.Type === "BANK")) {
    const movement = (start: string, end: string) => {
      let received = 0;
      let spent = 0;
      for (const p of org.payments.values()) {
        if (p.Status !== "AUTHORISED" || p.AccountID !== account.AccountID || p.Date < start || p.Date > end) continue;
        if (p.PaymentType === "ACCRECPAYMENT") received += p.Amount;
        else spent += p.Amount;
      }
      for (const b of org.bankTransactions.values()) {
        if (b.Status !== "AUTHORISED" || b.BankAccountID !== account.AccountID || b.Date < start || b.Date > end) continue;
        if (b.Type === "RECEIVE") received += b.Total;
        else spent += b.Total;
      }
      return { received, spent };
    };
    const before = movement("0000-01-01", addDays(from, -1));
    const opening = before.received - before.spent;
    const { received, spent } = movement(from, to);
    const closing = opening + received - spent;
    totals = [totals[0] + opening, totals[1] + received, totals[2] + spent, totals[3] + closing];
    rows.push({ RowType: "Row", Cells: [{ Value: account.Name, Attributes: [{ Value: account.AccountID, Id: "accountID" }] }, ...[opening, received, spent, closing].map((n) => ({ Value: money(n) }))] });
  }
  rows.push({ RowType: "SummaryRow", Cells: [{ Value: "Total" }, ...totals.map((n) => ({ Value: money(n) }))] });
  return report(ctx, "BankSummary", "Bank Summary", ["Bank Summary", org.profile.name, `From ${longDate(from)} to ${longDate(to)}`], [
    { RowType: "Header", Cells: [{ Value: "Bank Accounts" }, { Value: "Opening Balance" }, { Value: "Cash Received" }, { Value: "Cash Spent" }, { Value: "Closing Balance" }] },
    { RowType: "Section", Title: "", Rows: rows },
  ]);
}
