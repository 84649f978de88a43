/**
 * Line arithmetic in integer cents, rounded per line as Xero does, so a deal's amount equals the
 * invoice Xero will compute from the same lines.
 */
export function lineAmount(quantity: number, unitPrice: number, discountPercent = 0): string {
  const gross = Math.round(quantity * unitPrice * 100);
  const cents = Math.round(gross * (1 - discountPercent / 100));
  return centsToString(cents);
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
