/**
 * Money in exact integers. Quantities keep 4 decimals and prices 2, as Xero's line items do, and a
 * line is rounded once, half away from zero, to cents: the deal's amount equals the invoice Xero
 * computes from the same lines. BigInt because quantity x price x discount can pass 2^53 in
 * ten-thousandths before it is rounded.
 */
export const QUANTITY_DECIMALS = 4;
export const PRICE_DECIMALS = 2;
export const PERCENT_DECIMALS = 2;
/** numeric(14,2): the largest amount a column holds. */
export const MAX_AMOUNT_CENTS = 99_999_999_999_999;

/** How many decimals a finite number is written with (1e-7 counts as 7). */
export function decimalPlaces(n: number): number {
  if (!Number.isFinite(n)) return Infinity;
  const [mantissa, exponent] = String(n).toLowerCase().split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** n scaled to an integer with `places` decimals (n must not have more). */
const scaled = (n: number, places: number) => BigInt(Math.round(n * 10 ** places));

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < BigInt(0);
  const abs = negative ? -numerator : numerator;
  const q = (abs * BigInt(2) + denominator) / (denominator * BigInt(2));
  return negative ? -q : q;
}

/** A line's amount in cents: quantity x unit price x (1 - discount%), rounded once. */
export function lineCents(quantity: number, unitPrice: number, discountPercent = 0): number {
  const q = scaled(quantity, QUANTITY_DECIMALS);
  const p = scaled(unitPrice, PRICE_DECIMALS);
  const keep = BigInt(10_000) - scaled(discountPercent, PERCENT_DECIMALS); // in hundredths of a percent
  return Number(divideRounded(q * p * keep, BigInt(10 ** QUANTITY_DECIMALS) * BigInt(10_000)));
}

export function lineAmount(quantity: number, unitPrice: number, discountPercent = 0): string {
  return centsToString(lineCents(quantity, unitPrice, discountPercent));
}

export function sumAmounts(amounts: string[]): string {
  return centsToString(amounts.reduce((total, a) => total + toCents(a), 0));
}

export function toCents(amount: string | number): number {
  return Math.round(Number(amount) * 100);
}

export function centsToString(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function formatMoney(amount: string | number | null, currency: string): string {
  if (amount === null) return "hidden";
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(Number(amount));
}
