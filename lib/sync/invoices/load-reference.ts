import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroAccounts, xeroCurrencies, xeroItems, xeroTaxRates } from "@/db/schema";
import type { XeroReference } from "./build-invoice";

/** The organisation's Xero settings as mirrored (no call): what invoice lines are checked against. */
export async function loadXeroReference(db: Db, orgId: string): Promise<XeroReference> {
  const [currencies, accounts, taxes, items] = await Promise.all([
    db.select({ code: xeroCurrencies.code }).from(xeroCurrencies).where(eq(xeroCurrencies.orgId, orgId)),
    db.select({ code: xeroAccounts.code }).from(xeroAccounts).where(and(eq(xeroAccounts.orgId, orgId), eq(xeroAccounts.status, "ACTIVE"))),
    db.select({ taxType: xeroTaxRates.taxType }).from(xeroTaxRates).where(and(eq(xeroTaxRates.orgId, orgId), eq(xeroTaxRates.status, "ACTIVE"), eq(xeroTaxRates.canApplyToRevenue, true))),
    db.select({ code: xeroItems.code }).from(xeroItems).where(eq(xeroItems.orgId, orgId)),
  ]);
  return {
    currencies: new Set(currencies.map((c) => c.code)),
    accounts: new Set(accounts.map((a) => a.code).filter((c): c is string => !!c)),
    salesTaxTypes: new Set(taxes.map((t) => t.taxType)),
    itemCodes: new Set(items.map((i) => i.code.toLowerCase())),
  };
}
