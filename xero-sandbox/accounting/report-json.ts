import { json, type SandboxResponse } from "../http";
import { formatCents } from "./base-amount";
import type { ApiContext } from "./context";
import { msDate } from "./format";

/** Xero's report answer: nested Rows of Cells whose values are all strings (ReportWithRows). */

export type Cell = { Value: string; Attributes?: { Value: string; Id: string }[] };
export type Row = { RowType: "Header" | "Section" | "Row" | "SummaryRow"; Title?: string; Cells?: Cell[]; Rows?: Row[] };

/** Money cells from whole cents, as Xero prints them ("1234.50"), optionally naming the account. */
export const moneyCell = (c: number, accountId?: string): Cell => (accountId ? { Value: formatCents(c), Attributes: [{ Value: accountId, Id: "account" }] } : { Value: formatCents(c) });

/** A row for one account: its name, then a money cell per column. */
export const accountRow = (name: string, accountId: string | undefined, columns: number[]): Row => ({
  RowType: "Row",
  Cells: [accountId ? { Value: name, Attributes: [{ Value: accountId, Id: "account" }] } : { Value: name }, ...columns.map((c) => moneyCell(c, accountId))],
});

export const summaryRow = (name: string, columns: number[]): Row => ({ RowType: "SummaryRow", Cells: [{ Value: name }, ...columns.map((c) => moneyCell(c))] });

export const sum = (values: Iterable<number>) => [...values].reduce((s, n) => s + n, 0);

/** "31 Jan 25", as Xero heads a period column. */
export const label = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "2-digit", timeZone: "UTC" });
/** "31 January 2025", as Xero's report titles say. */
export const longDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function report(ctx: ApiContext, id: string, name: string, titles: string[], rows: Row[]): SandboxResponse {
  return json(200, {
    Id: crypto.randomUUID(),
    Status: "OK",
    ProviderName: ctx.grant.clientId,
    DateTimeUTC: msDate(ctx.now),
    Reports: [{ ReportID: id, ReportName: name, ReportType: id, ReportTitles: titles, ReportDate: longDate(ctx.sandbox.clock.today()), UpdatedDateUTC: msDate(ctx.now), Fields: [], Rows: rows }],
  });
}
