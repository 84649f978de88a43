import type { SandboxResponse } from "../http";
import { envelope } from "./batch";
import { notFound } from "./errors";
import type { ApiContext } from "./context";
import { msDate } from "./format";
import { listQuery } from "./list-query";
import { accountJson } from "./serialise";

/** Organisation, TaxRates, Accounts: reference data, not paged (Currencies are in currencies.ts). */

export function getOrganisation(ctx: ApiContext): SandboxResponse {
  const p = ctx.org.profile;
  return envelope(ctx, "Organisations", [
    {
      OrganisationID: p.tenantId,
      APIKey: "",
      Name: p.name,
      LegalName: p.legalName,
      PaysTax: true,
      Version: p.countryCode === "GB" ? "UK" : p.countryCode === "US" ? "US" : "GLOBAL",
      OrganisationType: "COMPANY",
      BaseCurrency: p.baseCurrency,
      CountryCode: p.countryCode,
      IsDemoCompany: true,
      OrganisationStatus: "ACTIVE",
      FinancialYearEndDay: 31,
      FinancialYearEndMonth: 12,
      SalesTaxBasis: p.countryCode === "GB" ? "ACCRUALS" : "ACCRUAL",
      SalesTaxPeriod: p.countryCode === "GB" ? "QUARTERLY1" : "MONTHLY",
      DefaultSalesTax: "Tax Exclusive",
      DefaultPurchasesTax: "Tax Exclusive",
      CreatedDateUTC: msDate(p.createdAt),
      OrganisationEntityType: "COMPANY",
      Timezone: p.timezone,
      ShortCode: p.shortCode,
      Edition: "BUSINESS",
      Class: "PREMIUM",
      Addresses: [],
      Phones: [],
      ExternalLinks: [],
      PaymentTerms: { Sales: { Day: 30, Type: "DAYSAFTERBILLDATE" } },
    },
  ]);
}

export function getTaxRates(ctx: ApiContext): SandboxResponse {
  const taxType = [...ctx.req.url.searchParams.entries()].find(([k]) => k.toLowerCase() === "taxtype")?.[1];
  const rows = ctx.org.taxRates.filter((t) => !taxType || t.TaxType.toUpperCase() === taxType.toUpperCase());
  return envelope(ctx, "TaxRates", rows);
}

export function getAccounts(ctx: ApiContext, id?: string): SandboxResponse {
  const rows = ctx.org.accounts.filter((a) => !id || a.AccountID.toLowerCase() === id.toLowerCase());
  if (id && !rows.length) return notFound();
  return envelope(ctx, "Accounts", listQuery(ctx.req, rows, accountJson, { paged: false }).items);
}
