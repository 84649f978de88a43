import type { Organisation } from "../store/organisation";
import { MSG } from "./errors";
import { recentReferenceRates, referenceRate } from "./reference-rates";

/**
 * The rate a document in `currency` dated `date` takes when its create names none: the base
 * currency is always 1; otherwise the organisation's day rate (nearest earlier known day), else the
 * reference rate, else 1 for a currency nobody quotes here (tests set one with setExchangeRate).
 */
export function dayRate(org: Organisation, currency: string, date: string): number {
  if (currency.toUpperCase() === org.profile.baseCurrency.toUpperCase()) return 1;
  return org.exchangeRates.on(currency, date) ?? referenceRate(org.profile.baseCurrency, currency, date) ?? 1;
}

/**
 * A create's CurrencyRate, as Xero treats it: kept when given on a foreign document, the day's rate
 * when not, and 1 for the base currency whatever was sent. A rate that is not a positive number is
 * refused (pushes onto `errors`; our wording).
 */
export function documentRate(org: Organisation, currency: string, date: string, given: unknown, errors: string[]): number {
  if (currency.toUpperCase() === org.profile.baseCurrency.toUpperCase()) return 1;
  if (given === undefined || given === null) return dayRate(org, currency, date);
  const rate = Number(given);
  if (!Number.isFinite(rate) || rate <= 0) {
    errors.push(MSG.currencyRate);
    return 1;
  }
  return rate;
}

/** A currency just enabled gets the reference day rates of the last 90 days, unless it has rates already (a test set them). */
export function seedDayRates(org: Organisation, currency: string, today: string): void {
  if (org.exchangeRates.has(currency) || currency.toUpperCase() === org.profile.baseCurrency.toUpperCase()) return;
  for (const [date, rate] of recentReferenceRates(org.profile.baseCurrency, currency, today)) org.exchangeRates.set(currency, date, rate);
}
