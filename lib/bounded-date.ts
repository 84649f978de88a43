import { z } from "zod";

/**
 * The one place that turns dates from outside (query strings, cursors, forms, API bodies) into
 * Dates. Postgres holds years 4713 BC to 294276 AD and JavaScript's Date has its own limits, so an
 * unbounded parse lets `0000-01-01` or `+275760-09-13` through to a query that fails as a 500.
 * Years 1900 to 9999 cover every real date a person or Xero sends.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const inBounds = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= MIN_YEAR && d.getUTCFullYear() <= MAX_YEAR;

/** A calendar day `YYYY-MM-DD` (a real one, 2026-02-30 is not), as midnight UTC or the day's last millisecond; null when it is not one. */
export function parseDay(value: string | null | undefined, endOfDay = false): Date | null {
  const m = value ? DAY.exec(value) : null;
  if (!m) return null;
  const d = new Date(`${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z`);
  // A rolled-over date (02-30 -> 03-02) is a typo, not a day.
  if (!inBounds(d) || d.toISOString().slice(0, 10) !== value) return null;
  return d;
}

/** An ISO 8601 instant with a zone (`2026-01-01T00:00:00Z`, `...+13:00`); null when it is not one or out of bounds. */
export function parseInstant(value: string | null | undefined): Date | null {
  const m = value ? INSTANT.exec(value) : null;
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return null;
  const d = new Date(value!);
  return inBounds(d) ? d : null;
}

const range = `between ${MIN_YEAR} and ${MAX_YEAR}`;

/** zod: an ISO instant in bounds, as the Date; the message names the field and shows the shape. */
export const boundedInstant = (field: string) =>
  z
    .string({ error: `${field} must be an ISO date-time like 2026-01-01T00:00:00Z.` })
    .transform((v, ctx) => parseInstant(v) ?? (ctx.addIssue({ code: "custom", message: `${field} must be an ISO date-time like 2026-01-01T00:00:00Z, in a year ${range}.` }), z.NEVER));

/** zod: a calendar day in bounds, kept as its `YYYY-MM-DD` text. */
export const boundedDay = (field: string) =>
  z
    .string({ error: `${field} must be a date like 2026-01-01.` })
    .refine((v) => parseDay(v) !== null, `${field} must be a real date like 2026-01-01, in a year ${range}.`);
