/**
 * Money in the organisation's base currency, exactly: a document converts at its own CurrencyRate
 * (units of its currency per base unit), base = amount / rate rounded half away from zero to the
 * cent, once per document, as Postgres's round(numeric, 2) does. Worked in integers, so a
 * half-cent is never lost to binary floating point.
 */

/** A rate's exact decimal digits as an integer and a power of ten: 1.1625 -> [11625n, 4]. */
function decimal(n: number): [bigint, number] {
  const text = String(n).includes("e") ? n.toFixed(12).replace(/0+$/, "") : String(n);
  const [whole, fraction = ""] = text.split(".");
  return [BigInt(`${whole}${fraction}`), fraction.length];
}

/** Whole cents of an amount kept to the cent (every document figure is). */
export const cents = (amount: number): number => Math.round(amount * 100);

/** Cents of the document's currency converted at its rate: whole cents of the base currency. */
export function centsToBase(c: number, rate: number): number {
  if (!(rate > 0)) throw new Error(`A CurrencyRate must be above zero, not ${rate}`);
  if (rate === 1) return c;
  const [r, scale] = decimal(rate);
  // base cents = c / (r / 10^scale), rounded half away from zero
  const num = BigInt(Math.abs(c)) * 10n ** BigInt(scale);
  const rounded = Number((2n * num + r) / (2n * r));
  return c < 0 ? -rounded : rounded;
}

/** amount / rate in whole cents of the base currency. */
export const baseCents = (amount: number, rate: number): number => centsToBase(cents(amount), rate);

/** amount / rate in the base currency, to the cent. */
export const toBase = (amount: number, rate: number): number => baseCents(amount, rate) / 100;

/** Cents as Xero's reports print money: "1234.50", "-0.05". */
export function formatCents(c: number): string {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(c);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}
