/** Xero's JSON date forms: `/Date(ms+0000)/` for timestamps and dates, `YYYY-MM-DDT00:00:00` for DateString. */

export const msDate = (ms: number) => `/Date(${ms}+0000)/`;

export function ymdToMs(ymd: string): number {
  const [y, m, d] = ymd.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

export const dateValue = (ymd: string | undefined) => (ymd ? msDate(ymdToMs(ymd)) : undefined);
export const dateString = (ymd: string | undefined) => (ymd ? `${ymd}T00:00:00` : undefined);

/** Accepts what clients send for a date: YYYY-MM-DD, an ISO timestamp, or /Date(ms)/. */
export function parseDateInput(value: unknown): string | null {
  if (typeof value !== "string" || !value.trim()) return null;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value.trim());
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (iso) {
    const d = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
  }
  return null;
}

export function addDays(ymd: string, days: number): string {
  return new Date(ymdToMs(ymd) + days * 86_400_000).toISOString().slice(0, 10);
}

export function addMonths(ymd: string, months: number): string {
  const [y, m, d] = ymd.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The last day of a date's month. */
export const monthEnd = (ymd: string) => addDays(addMonths(`${ymd.slice(0, 8)}01`, 1), -1);

export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/** Xero's If-Modified-Since has second precision; xero-node sends ISO 8601, browsers send RFC 1123. */
export function parseIfModifiedSince(header: string | string[] | undefined): number | null {
  if (!header || Array.isArray(header)) return null;
  const ms = Date.parse(header.endsWith("Z") || /[+-]\d\d:?\d\d$/.test(header) || header.includes("GMT") ? header : `${header}Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000) * 1000;
}
