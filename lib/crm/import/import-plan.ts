import type { ImportProblem } from "@/db/schema";
import { fieldProblems } from "@/lib/validation";
import type { z } from "zod";

/** What an import will do with one record: the rows it came from, its validated input, and the record it updates (if any). */
export interface PlannedRecord<T> {
  rows: number[];
  input: T;
  existingId: string | null;
  /** For deals: the CSV row of each line, so a refused line is reported on its own row. */
  lineRows?: number[];
}

export interface ImportPlan<T> {
  records: PlannedRecord<T>[];
  problems: ImportProblem[];
}

/** Cells of one CSV row picked out by the mapping (field key -> header); empty cells left out. */
export function mappedValues(row: Record<string, string>, mapping: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(mapping)) {
    const v = row[header];
    if (v !== undefined && v.trim() !== "") out[field] = v.trim();
  }
  return out;
}

/** Parses one row's values; on failure records each problem against the row and returns null. */
export function parseRow<S extends z.ZodType>(schema: S, values: unknown, row: number, problems: ImportProblem[]): z.infer<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  for (const p of fieldProblems(result.error)) problems.push({ row, field: p.field, message: p.message });
  return null;
}

/** Flags a repeated key inside the file: the second row would overwrite the first. */
export function claimKey(seen: Map<string, number>, key: string | null | undefined, row: number, field: string, problems: ImportProblem[]): boolean {
  if (!key) return true;
  const first = seen.get(key);
  if (first !== undefined) {
    problems.push({ row, field, message: `Same ${field} as row ${first}. Keep one of the two rows.` });
    return false;
  }
  seen.set(key, row);
  return true;
}
