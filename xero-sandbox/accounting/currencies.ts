import type { SandboxResponse } from "../http";
import type { Organisation } from "../store/organisation";
import { elementsOf, envelope, field } from "./batch";
import type { ApiContext } from "./context";
import { CURRENCY_CODES, currencyName } from "./currency-codes";
import { seedDayRates } from "./currency-rate";
import { MSG, validationException } from "./errors";

export function getCurrencies(ctx: ApiContext): SandboxResponse {
  return envelope(ctx, "Currencies", ctx.org.currencies);
}

/**
 * PUT /Currencies (xero-node's createCurrency): enables one currency for the organisation, which
 * then accepts documents in it. The body is the Currency itself ({Code, Description}); a body
 * wrapped in Currencies is read too. The answer is the Currencies envelope with that currency.
 * Enabling one already enabled changes nothing and answers it the same way.
 */
export function createCurrency(ctx: ApiContext): SandboxResponse {
  const el = elementsOf(ctx.req.json, "Currencies")?.[0] ?? {};
  const code = String(field(el, "Code") ?? "").trim().toUpperCase();
  const refusal = !code ? MSG.currencyCodeMissing : !CURRENCY_CODES.has(code) ? MSG.currencyCodeInvalid(code) : null;
  if (refusal) return validationException([{ ...el, ValidationErrors: [{ Message: refusal }] }]);
  const description = field<string>(el, "Description")?.trim() || currencyName(code);
  const currency = enableCurrency(ctx.org, code, description, ctx.sandbox.clock.today());
  ctx.sandbox.changed();
  return envelope(ctx, "Currencies", [currency]);
}

/** Adds the currency (with day rates to convert it) unless the organisation has it already. */
export function enableCurrency(org: Organisation, code: string, description: string, today: string): { Code: string; Description: string } {
  const known = org.currencies.find((c) => c.Code === code);
  if (known) return known;
  const currency = { Code: code, Description: description };
  org.currencies.push(currency);
  seedDayRates(org, code, today);
  return currency;
}
