type Interval = "weekly" | "monthly" | "quarterly" | "yearly";

const MONTHS: Record<Exclude<Interval, "weekly">, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** The n-th billing date after `start` (YYYY-MM-DD); a 31st bills on the last day of shorter months. */
export function billingDate(start: string, interval: Interval, n: number): string {
  const [y, m, d] = start.split("-").map(Number);
  if (interval === "weekly") return new Date(Date.UTC(y, m - 1, d + 7 * n)).toISOString().slice(0, 10);
  const months = m - 1 + MONTHS[interval] * n;
  const lastDay = new Date(Date.UTC(y, months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** The first billing date on or after `today`: a subscription that started in the past bills next, not in the past. */
export function nextBillingOnOrAfter(start: string, interval: Interval, today: string, end?: string | null): string | null {
  let n = 0;
  let date = start;
  while (date < today) date = billingDate(start, interval, ++n);
  return end && date > end ? null : date;
}
