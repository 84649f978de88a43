/**
 * xero-node hands dates over as Date objects (typed as strings), Xero's JSON as "/Date(ms+0000)/",
 * and DateStrings as "2026-01-01T00:00:00": all of them to what Postgres columns take.
 */
export function ymd(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const text = String(value);
  const ms = /^\/Date\((-?\d+)/.exec(text);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
}

export function instant(value: unknown): Date | null {
  if (value === undefined || value === null || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = String(value);
  const ms = /^\/Date\((-?\d+)/.exec(text);
  if (ms) return new Date(Number(ms[1]));
  const d = new Date(/Z|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A Xero amount as numeric text with two decimals (Xero rounds money to 2 dp). */
export const money2 = (n: number | undefined | null) => (Number(n ?? 0)).toFixed(2);

/**
 * A record's UpdatedDateUTC for the mirrors' never-backwards guard. Xero always sends one; a copy
 * without it cannot say it is newer, so it counts as the oldest possible (never as "now", which
 * would make every later real copy look stale and freeze the row).
 */
export const UNKNOWN_UPDATE = new Date(0);
export const updatedAtOf = (value: unknown): Date => instant(value) ?? UNKNOWN_UPDATE;
