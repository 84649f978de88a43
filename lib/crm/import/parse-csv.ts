import Papa from "papaparse";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "@/lib/http/body-limits";

export const MAX_IMPORT_ROWS = 50_000;

/** Header row plus data rows as header -> cell; blank lines skipped; a byte-order mark is ignored. */
export function parseCsv(text: string): { headers: string[]; rows: Record<string, string>[] } {
  if (text.length > MAX_IMPORT_BYTES) throw new AppError("validation", "file: larger than 10 MB. Split it into smaller files.", [{ field: "file", message: "Split the file: at most 10 MB." }]);
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  const headers = (result.meta.fields ?? []).filter((h) => h !== "");
  if (!headers.length) throw new AppError("validation", "file: no header row. The first line must name the columns.", [{ field: "file", message: "The first line must name the columns." }]);
  if (new Set(headers).size !== headers.length) throw new AppError("validation", "file: two columns have the same name. Rename one.", [{ field: "file", message: "Two columns have the same name." }]);
  if (result.data.length > MAX_IMPORT_ROWS) throw new AppError("validation", `file: ${result.data.length} rows; at most ${MAX_IMPORT_ROWS} per file.`, [{ field: "file", message: `At most ${MAX_IMPORT_ROWS} rows per file.` }]);
  return { headers, rows: result.data };
}

/**
 * Cells a spreadsheet would run as a formula (=, +, -, @, tab, carriage return or newline first) get
 * a leading apostrophe, so a customer named `=HYPERLINK(...)` stays text. Plain numbers such as -5
 * are left alone. (Papa's own default pattern misses a formula followed by a line break.)
 */
export const FORMULA_START = /^(?![-+]?\d+(\.\d+)?$)[=+\-@\t\r\n]/;

/** Every CSV we hand out is written here: header row, then the rows, with formula cells defused. */
export function toCsv(headers: string[], rows: Record<string, string | number | null | undefined>[]): string {
  return Papa.unparse({ fields: headers, data: rows.map((r) => headers.map((h) => (r[h] === null || r[h] === undefined ? "" : String(r[h])))) }, { escapeFormulae: FORMULA_START });
}
