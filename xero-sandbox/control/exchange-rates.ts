import { CURRENCY_CODES } from "../accounting/currency-codes";
import { dayRate } from "../accounting/currency-rate";
import { parseDateInput } from "../accounting/format";
import type { Organisation } from "../store/organisation";
import { ControlError } from "./control";

/**
 * Tests decide the rates documents take: a rate set for a day applies to documents of that day and
 * of later days up to the next known one. Any valid code may get rates, enabled or not yet (enabling
 * later keeps them); the base currency is always 1 and cannot be set.
 */
export function setExchangeRate(org: Organisation, currency: string, date: string, rate: number) {
  const code = String(currency ?? "").trim().toUpperCase();
  if (!CURRENCY_CODES.has(code)) throw new ControlError(400, `currency must be a currency code Xero knows, not '${currency}'`);
  if (code === org.profile.baseCurrency.toUpperCase()) throw new ControlError(400, `${code} is the base currency: its rate is always 1`);
  const day = parseDateInput(date);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ControlError(400, "date must be YYYY-MM-DD");
  if (!Number.isFinite(rate) || rate <= 0) throw new ControlError(400, "rate must be a number greater than zero");
  org.exchangeRates.set(code, day, rate);
  return { tenantId: org.tenantId, currency: code, date: day, rate: dayRate(org, code, day) };
}

export function exchangeRateTable(org: Organisation) {
  return { tenantId: org.tenantId, baseCurrency: org.profile.baseCurrency, rates: org.exchangeRates.toJSON() };
}
