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
