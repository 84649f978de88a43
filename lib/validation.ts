import type { z } from "zod";
import { AppError, type FieldProblem } from "./errors";

/** Turns zod issues into field problems a form or an API client can show next to the field. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : "(body)",
    message: issue.message,
  }));
}

/**
 * Fields holding a NUL character. Postgres text cannot store one, so such input must be refused with
 * the field named before it reaches a query (it used to surface as a 500 from the driver).
 */
export function nulCharacterProblems(input: unknown, path: string[] = [], found: FieldProblem[] = []): FieldProblem[] {
  if (found.length >= 20) return found;
  if (typeof input === "string") {
    if (input.includes("\u0000")) found.push({ field: path.length ? path.join(".") : "(body)", message: "Remove the NUL character (\\u0000): text cannot contain it." });
  } else if (Array.isArray(input)) {
    input.forEach((v, i) => nulCharacterProblems(v, [...path, String(i)], found));
  } else if (input && typeof input === "object") {
    for (const [k, v] of Object.entries(input)) nulCharacterProblems(v, [...path, k], found);
  }
  return found;
}

/** Parses or throws a validation AppError that names every bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const nul = nulCharacterProblems(input);
  if (nul.length) throw new AppError("validation", nul.map((f) => `${f.field}: ${f.message}`).join("; "), nul);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldProblems(result.error);
  throw new AppError("validation", fields.map((f) => `${f.field}: ${f.message}`).join("; "), fields);
}

/** FormData to a plain object; repeated keys become arrays, empty strings stay strings. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const v = typeof value === "string" ? value : value.name;
    if (Object.hasOwn(out, key)) out[key] = ([] as unknown[]).concat(out[key], v);
    else out[key] = v;
  }
  return out;
}
