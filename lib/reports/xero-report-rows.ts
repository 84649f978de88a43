import { sumDecimals } from "./money-rules";

export type ReportCellLike = { value?: string };
export type ReportRowLike = { rowType?: string; title?: string; cells?: ReportCellLike[]; rows?: ReportRowLike[] };

/** Xero answered a report the portal cannot read: said with what to check, never a crash. */
export class UnreadableXeroReportError extends Error {}

/**
 * One figure of a Xero report answer (xero-node's ReportWithRows rows), as exact 2-dp text: the
 * row or summary row whose first cell is `label` (case-insensitive), in any section, at `column`
 * (1: the first figure column). Null when there is no such row.
 */
export function reportFigure(rows: ReportRowLike[], label: string, column = 1): string | null {
  const wanted = label.toLowerCase();
  for (const row of rows) {
    if ((row.rowType === "Row" || row.rowType === "SummaryRow") && row.cells?.[0]?.value?.trim().toLowerCase() === wanted) {
      const value = (row.cells?.[column]?.value ?? "").replace(/,/g, "").trim();
      if (!/^-?\d+(\.\d{1,2})?$/.test(value)) throw new UnreadableXeroReportError(`Xero's report gave "${value}" for ${label}, which is not an amount.`);
      return sumDecimals([value]);
    }
    const inner = row.rows?.length ? reportFigure(row.rows, label, column) : null;
    if (inner !== null) return inner;
  }
  return null;
}

/** Like reportFigure, but a missing row is an error naming it. */
export function requiredReportFigure(rows: ReportRowLike[], label: string, report: string, column = 1): string {
  const value = reportFigure(rows, label, column);
  if (value === null) throw new UnreadableXeroReportError(`Xero's ${report} has no "${label}" row: check the report in Xero.`);
  return value;
}
