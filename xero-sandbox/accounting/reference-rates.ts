import { addDays } from "./format";

/**
 * Plausible exchange rates for the sandbox's own day-rate tables (Xero takes XE.com's; the sandbox
 * cannot). US dollars per unit, roughly 2025-26 levels: a rate between any two of these is their ratio.
 */
const USD_PER_UNIT: Record<string, number> = {
  USD: 1, EUR: 1.08, GBP: 1.27, AUD: 0.66, NZD: 0.6, CAD: 0.73, CHF: 1.13, JPY: 0.0067, CNY: 0.138, HKD: 0.128,
  SGD: 0.745, INR: 0.012, ZAR: 0.054, SEK: 0.095, NOK: 0.093, DKK: 0.145, PLN: 0.25, CZK: 0.043, HUF: 0.0027,
  MXN: 0.058, BRL: 0.18, AED: 0.2723, ILS: 0.27, TRY: 0.029, KRW: 0.00073, THB: 0.028, MYR: 0.21, PHP: 0.0175,
  IDR: 0.000062, FJD: 0.44,
};

/** FNV-1a: the same day always wiggles the same way, on every machine. */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h / 4294967296;
}

/**
 * Units of `currency` per one `base` unit on a day: the reference ratio moved by up to 0.75% a day,
 * to six significant digits as XE quotes them. Undefined for a currency the table does not know.
 */
export function referenceRate(base: string, currency: string, date: string): number | undefined {
  const b = USD_PER_UNIT[base.toUpperCase()];
  const c = USD_PER_UNIT[currency.toUpperCase()];
  if (b === undefined || c === undefined) return undefined;
  const wiggle = 1 + (unitHash(`${base}/${currency}/${date}`) - 0.5) * 0.015;
  return Number(((b / c) * wiggle).toPrecision(6));
}

/** The rates of the `days` days up to `today`, oldest first: what a seeded or newly enabled currency starts with. */
export function recentReferenceRates(base: string, currency: string, today: string, days = 90): [string, number][] {
  const out: [string, number][] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = addDays(today, -i);
    const rate = referenceRate(base, currency, date);
    if (rate !== undefined) out.push([date, rate]);
  }
  return out;
}
