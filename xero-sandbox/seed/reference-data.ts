import { randomUUID } from "node:crypto";
import type { AccountRec, TaxRateRec } from "../store/types";

const rate = (TaxType: string, Name: string, pct: number, revenue: boolean, expenses: boolean, report: string): TaxRateRec => ({
  Name,
  TaxType,
  Status: "ACTIVE",
  ReportTaxType: report,
  CanApplyToRevenue: revenue,
  CanApplyToExpenses: expenses,
  DisplayTaxRate: pct,
  EffectiveRate: pct,
  TaxComponents: [{ Name: Name.replace(/ \(.*\)$/, ""), Rate: pct, IsCompound: false, IsNonRecoverable: false }],
});

/** US sales tax by state, as a US Xero organisation set up for three nexus states would have. */
export const US_TAX_RATES: TaxRateRec[] = [
  rate("NONE", "Tax Exempt", 0, true, true, "NONE"),
  rate("TAX001", "California Sales Tax", 7.25, true, false, "OUTPUT"),
  rate("TAX002", "New York Sales Tax", 8.875, true, false, "OUTPUT"),
  rate("TAX003", "Texas Sales Tax", 6.25, true, false, "OUTPUT"),
  rate("INPUT", "Tax on Purchases", 0, false, true, "INPUT"),
];

/** UK VAT rates (Xero's own TaxType codes). */
export const UK_TAX_RATES: TaxRateRec[] = [
  rate("OUTPUT2", "20% (VAT on Income)", 20, true, false, "OUTPUT"),
  rate("RROUTPUT", "5% (VAT on Income)", 5, true, false, "OUTPUT"),
  rate("ZERORATEDOUTPUT", "Zero Rated Income", 0, true, false, "OUTPUT"),
  rate("EXEMPTOUTPUT", "Exempt Income", 0, true, false, "EXEMPTOUTPUT"),
  rate("ECZROUTPUT", "Zero Rated EC Goods Income", 0, true, false, "ECOUTPUT"),
  rate("NONE", "No VAT", 0, true, true, "NONE"),
  rate("INPUT2", "20% (VAT on Expenses)", 20, false, true, "INPUT"),
];

export function chartOfAccounts(now: number, salesTax: string, expenseTax: string, currency: string): AccountRec[] {
  const acc = (Code: string, Name: string, Type: string, Class: AccountRec["Class"], TaxType: string, extra: Partial<AccountRec> = {}): AccountRec => ({
    AccountID: randomUUID(),
    Code,
    Name,
    Type,
    Class,
    Status: "ACTIVE",
    TaxType,
    EnablePaymentsToAccount: false,
    UpdatedDateUTC: now,
    ...extra,
  });
  return [
    acc("090", "Business Bank Account", "BANK", "ASSET", "NONE", { BankAccountNumber: "12-3456-7890123-00", CurrencyCode: currency }),
    acc("091", "Business Savings Account", "BANK", "ASSET", "NONE", { BankAccountNumber: "12-3456-7890124-00", CurrencyCode: currency }),
    acc("200", "Sales", "REVENUE", "REVENUE", salesTax),
    acc("260", "Other Revenue", "REVENUE", "REVENUE", salesTax),
    acc("270", "Interest Income", "REVENUE", "REVENUE", "NONE"),
    acc("310", "Cost of Goods Sold", "DIRECTCOSTS", "EXPENSE", expenseTax),
    acc("400", "Advertising", "EXPENSE", "EXPENSE", expenseTax),
    acc("469", "Rent", "EXPENSE", "EXPENSE", expenseTax),
    acc("493", "Travel - National", "EXPENSE", "EXPENSE", expenseTax),
    acc("610", "Accounts Receivable", "CURRENT", "ASSET", "NONE"),
    acc("630", "Inventory", "INVENTORY", "ASSET", "NONE"),
    acc("800", "Accounts Payable", "CURRLIAB", "LIABILITY", "NONE"),
    acc("880", "Owner A Drawings", "EQUITY", "EQUITY", "NONE", { EnablePaymentsToAccount: true }),
  ];
}
