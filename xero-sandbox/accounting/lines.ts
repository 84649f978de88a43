import type { Organisation } from "../store/organisation";
import type { LineAmountTypes, LineItemRec } from "../store/types";
import { field } from "./batch";
import { newId } from "./context";
import { MSG } from "./errors";
import { round2 } from "./format";

export interface LineRules {
  /** AUTHORISED/SUBMITTED documents need a valid account and tax type on every line; DRAFT may omit them. */
  strict: boolean;
  /** Sales documents (ACCREC, quotes) take tax types that apply to revenue. */
  sales: boolean;
}

/**
 * Turns the lines a client sent into stored lines: item defaults, account and tax checks with
 * Xero's messages, and per-line amounts and tax rounded to 2 dp.
 */
export function buildLines(org: Organisation, raw: unknown, amountTypes: LineAmountTypes, rules: LineRules, errors: string[]): LineItemRec[] {
  const input = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
  const lines: LineItemRec[] = [];
  for (const l of input) {
    const itemCode = field<string>(l, "ItemCode");
    const item = itemCode ? org.itemByCode(itemCode) : undefined;
    if (itemCode && !item) errors.push(MSG.itemCode(itemCode));
    const defaults = rules.sales ? item?.SalesDetails : item?.PurchaseDetails;
    const quantity = Number(field(l, "Quantity") ?? 1);
    const unitAmount = Number(field(l, "UnitAmount") ?? defaults?.UnitPrice ?? 0);
    const discountRate = field<number>(l, "DiscountRate");
    const accountCode = field<string>(l, "AccountCode") ?? defaults?.AccountCode;
    const account = org.accountByCode(accountCode);
    if (accountCode && (!account || account.Type === "BANK")) errors.push(MSG.accountCode(accountCode));
    else if (!accountCode && rules.strict) errors.push(MSG.accountCode(""));
    let taxType = field<string>(l, "TaxType") ?? defaults?.TaxType ?? account?.TaxType;
    if (amountTypes === "NoTax") taxType = taxType ?? "NONE";
    const rate = org.taxRate(taxType);
    if (taxType && !rate) errors.push(MSG.taxTypeUnknown(taxType));
    else if (rate && rules.sales && !rate.CanApplyToRevenue) {
      if (account) errors.push(MSG.taxTypeAccount(rate.TaxType, account.Code ?? ""));
      else errors.push(MSG.taxTypeUnknown(rate.TaxType));
    } else if (!taxType && rules.strict) errors.push(MSG.taxTypeUnknown(""));

    const gross = quantity * unitAmount * (1 - (discountRate ?? 0) / 100);
    const lineAmount = round2(gross);
    const pct = amountTypes === "NoTax" ? 0 : (rate?.EffectiveRate ?? 0);
    const taxAmount = amountTypes === "Inclusive" ? round2(lineAmount - lineAmount / (1 + pct / 100)) : round2((lineAmount * pct) / 100);
    lines.push({
      LineItemID: field<string>(l, "LineItemID") ?? newId(),
      Description: field<string>(l, "Description") ?? item?.Description ?? item?.Name,
      Quantity: quantity,
      UnitAmount: unitAmount,
      ItemCode: item?.Code ?? itemCode,
      AccountCode: account?.Code ?? accountCode,
      TaxType: rate?.TaxType ?? taxType,
      TaxAmount: taxAmount,
      LineAmount: lineAmount,
      DiscountRate: discountRate,
    });
  }
  return lines;
}

export function totals(lines: LineItemRec[], amountTypes: LineAmountTypes) {
  const tax = round2(lines.reduce((s, l) => s + l.TaxAmount, 0));
  const amounts = round2(lines.reduce((s, l) => s + l.LineAmount, 0));
  const subTotal = amountTypes === "Inclusive" ? round2(amounts - tax) : amounts;
  return { SubTotal: subTotal, TotalTax: tax, Total: round2(subTotal + tax) };
}

export function amountTypesOf(value: unknown, fallback: LineAmountTypes = "Exclusive"): LineAmountTypes {
  const v = String(value ?? "").toLowerCase();
  return v === "inclusive" ? "Inclusive" : v === "notax" ? "NoTax" : v === "exclusive" ? "Exclusive" : fallback;
}
