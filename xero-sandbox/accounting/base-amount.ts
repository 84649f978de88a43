/**
 * Money in the organisation's base currency, exactly: a document converts at its own CurrencyRate
 * (units of its currency per base unit), base = amount / rate rounded half away from zero to the
 * cent, once per document, as Postgres's round(numeric, 2) does. Worked in integers, so a
 * half-cent is never lost to binary floating point.
 */

/** A number's exact decimal digits as an integer and a power of ten: 1.17 -> [117n, 2]. */
function decimal(n: number): [bigint, number] {
  const text = Math.abs(n) < 1e21 && !String(n).includes("e") ? String(n) : n.toFixed(12);
  const [whole, fraction = ""] = text.replace("-", "").split(".");
  const digits = BigInt(`${whole}${fraction}`);
  return [n < 0 ? -digits : digits, fraction.length];
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** amount / rate, in whole cents of the base currency. */
export function baseCents(amount: number, rate: number): number {
  if (!(rate > 0)) throw new Error(`A CurrencyRate must be above zero, not ${rate}`);
  const [a, aScale] = decimal(amount);
  const [r, rScale] = decimal(rate);
  // cents = a / 10^aScale / (r / 10^rScale) * 100
  const num = a * 10n ** BigInt(rScale) * 100n;
  const den = r * 10n ** BigInt(aScale);
  const halfUp = (2n * abs(num) + den) / (2n * den);
  return Number(num < 0n ? -halfUp : halfUp);
}

/** amount / rate in the base currency, to the cent. */
export const toBase = (amount: number, rate: number): number => baseCents(amount, rate) / 100;

/** Whole cents of an amount already kept to the cent (a document's own figures). */
export const cents = (amount: number): number => Math.round(amount * 100);

/** Cents as Xero's reports print money: "1234.50", "-0.05". */
export function formatCents(c: number): string {
  const sign = c < 0 ? "-" : "";
  const a = Math.abs(c);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}
