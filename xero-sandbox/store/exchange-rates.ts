/**
 * One organisation's exchange-rate table: per currency, per day, units of that currency per one
 * unit of the base currency (what Xero's CurrencyRate means: base = amount / rate). Xero takes the
 * day's rate from XE.com; the sandbox keeps its own table, which seeds fill and tests set.
 */
export class ExchangeRates {
  private readonly byCurrency = new Map<string, Map<string, number>>();

  set(currency: string, date: string, rate: number): void {
    const code = currency.toUpperCase();
    const days = this.byCurrency.get(code) ?? new Map<string, number>();
    days.set(date, rate);
    this.byCurrency.set(code, days);
  }

  has(currency: string): boolean {
    return (this.byCurrency.get(currency.toUpperCase())?.size ?? 0) > 0;
  }

  /**
   * The rate of a day: that day's, else the nearest earlier known day's (a weekend or a day not yet
   * published keeps the last rate). Before the first known day, the first one: Xero always has a rate.
   */
  on(currency: string, date: string): number | undefined {
    const days = this.byCurrency.get(currency.toUpperCase());
    if (!days?.size) return undefined;
    let earlier: string | undefined;
    let first: string | undefined;
    for (const day of days.keys()) {
      if (day <= date && (!earlier || day > earlier)) earlier = day;
      if (!first || day < first) first = day;
    }
    return days.get(earlier ?? first!);
  }

  toJSON(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.byCurrency].map(([code, days]) => [code, Object.fromEntries([...days].sort(([a], [b]) => (a < b ? -1 : 1)))]));
  }

  load(data: Record<string, Record<string, number>>): void {
    for (const [code, days] of Object.entries(data)) for (const [date, rate] of Object.entries(days)) this.set(code, date, rate);
  }
}
