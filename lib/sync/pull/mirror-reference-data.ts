import { and, eq, lte, ne, notInArray, sql } from "drizzle-orm";
import type { Account, Currency, Item, Organisation, TaxRate } from "xero-node";
import type { Db } from "@/db";
import { organizations, products, xeroAccounts, xeroCurrencies, xeroItems, xeroOrganisationProfiles, xeroTaxRates } from "@/db/schema";
import { notifyLowStock, stockBefore } from "../items/stock";
import { excludedSet } from "../mirror-helpers";
import { logSync } from "../sync-log";

const when = (d: Date | string | undefined) => (d ? new Date(d) : new Date());
const text = (v: unknown) => (v === undefined || v === null ? null : String(v));

/**
 * Xero's lists that are small and not paged (tax rates, accounts, currencies) are replaced whole in
 * one transaction: what Xero no longer lists is gone here too. The invoice builder checks a line's
 * account, tax type and the deal's currency against these before sending anything.
 */
export async function mirrorTaxRates(db: Db, orgId: string, rates: TaxRate[]): Promise<number> {
  await db.transaction(async (tx) => {
    await tx.delete(xeroTaxRates).where(eq(xeroTaxRates.orgId, orgId));
    const rows = rates.filter((r) => r.taxType).map((r) => ({ orgId, taxType: r.taxType!, name: r.name ?? r.taxType!, status: text(r.status) ?? "ACTIVE", effectiveRate: String(r.effectiveRate ?? 0), canApplyToRevenue: r.canApplyToRevenue ?? false }));
    if (rows.length) await tx.insert(xeroTaxRates).values(rows);
  });
  return rates.length;
}

export async function mirrorAccounts(db: Db, orgId: string, accounts: Account[]): Promise<number> {
  await db.transaction(async (tx) => {
    await tx.delete(xeroAccounts).where(eq(xeroAccounts.orgId, orgId));
    const rows = accounts
      .filter((a) => a.accountID)
      .map((a) => ({ orgId, xeroAccountId: a.accountID!, code: a.code ?? null, name: a.name ?? "", type: text(a.type) ?? "", class: text(a._class), status: text(a.status) ?? "ACTIVE", taxType: a.taxType ?? null, enablePayments: a.enablePaymentsToAccount ?? false, currency: text(a.currencyCode) }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(xeroAccounts).values(rows.slice(i, i + 500));
  });
  return accounts.length;
}

export async function mirrorCurrencies(db: Db, orgId: string, currencies: Currency[]): Promise<number> {
  await db.transaction(async (tx) => {
    await tx.delete(xeroCurrencies).where(eq(xeroCurrencies.orgId, orgId));
    const rows = currencies.filter((c) => c.code).map((c) => ({ orgId, code: String(c.code), description: c.description ?? null }));
    if (rows.length) await tx.insert(xeroCurrencies).values(rows);
  });
  return currencies.length;
}

export async function mirrorOrganisation(db: Db, orgId: string, organisation: Organisation | undefined): Promise<number> {
  if (!organisation) return 0;
  const row = { orgId, name: organisation.name ?? "", baseCurrency: text(organisation.baseCurrency) ?? "USD", countryCode: text(organisation.countryCode), updatedAt: new Date() };
  await db.insert(xeroOrganisationProfiles).values(row).onConflictDoUpdate({ target: xeroOrganisationProfiles.orgId, set: row });
  await alignBaseCurrency(db, orgId, row.baseCurrency);
  return 1;
}

/**
 * One base currency: Xero's. Every CurrencyRate Xero keeps is relative to it, so the CRM's (deal
 * defaults, marketing spend, the revenue goal) follows it, and the sync log says so when it moved.
 */
async function alignBaseCurrency(db: Db, orgId: string, xeroBase: string): Promise<void> {
  const [changed] = await db
    .update(organizations)
    .set({ baseCurrency: xeroBase, updatedAt: new Date() })
    .where(and(eq(organizations.id, orgId), ne(organizations.baseCurrency, xeroBase)))
    .returning({ id: organizations.id });
  if (changed) await logSync(db, [{ orgId, recordType: "organisation", direction: "pull", operation: "update", result: "ok", message: `Base currency set to ${xeroBase}, the Xero organisation's: reports and new deals use it.`, trigger: "schedule" }]);
}

/**
 * Items are mirrored and linked to the product whose Xero item code they carry (case-insensitive),
 * which also learns the item's id; stock on hand comes with them. The list replaces the mirror, but
 * a list read before a push of ours cannot undo it: a row the list lacks that changed in Xero after
 * the newest item the list has (the push made it while the list was on its way) is kept, with its
 * product's link. A product goes by its mapping's code, else its own (push-items.ts itemCodeOf).
 */
export async function mirrorItems(db: Db, orgId: string, items: Item[]): Promise<number> {
  const listed = items.filter((i) => i.itemID && i.code);
  const newest = new Date(Math.max(0, ...listed.map((i) => when(i.updatedDateUTC).getTime())));
  await db.transaction(async (tx) => {
    // One items write of an organisation at a time (the scheduled pull, the one after an approval,
    // a webhook's): the stock a crossing is measured from is the one the other left.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`items:${orgId}`}))`);
    const before = await stockBefore(tx, orgId);
    const ids = listed.map((i) => i.itemID!);
    // Gone from Xero: what the list lacks, unless it changed after the list's newest (a push of ours).
    await tx.delete(xeroItems).where(and(eq(xeroItems.orgId, orgId), lte(xeroItems.xeroUpdatedAt, newest), ids.length ? notInArray(xeroItems.xeroItemId, ids) : undefined));
    const rows = listed.map((i) => ({
      orgId,
      xeroItemId: i.itemID!,
      code: i.code!,
      name: i.name ?? null,
      isSold: i.isSold ?? true,
      isTrackedAsInventory: i.isTrackedAsInventory ?? false,
      quantityOnHand: i.quantityOnHand === undefined ? null : String(i.quantityOnHand),
      salesUnitPrice: i.salesDetails?.unitPrice === undefined ? null : String(i.salesDetails.unitPrice),
      salesAccountCode: i.salesDetails?.accountCode ?? null,
      salesTaxType: i.salesDetails?.taxType ?? null,
      xeroUpdatedAt: when(i.updatedDateUTC),
    }));
    // An upsert: a push of the same item may write its row between the delete and here.
    for (let n = 0; n < rows.length; n += 500) {
      await tx
        .insert(xeroItems)
        .values(rows.slice(n, n + 500))
        // Never backwards: a list read before a newer one arrives after it changes nothing it has older.
        .onConflictDoUpdate({ target: [xeroItems.orgId, xeroItems.xeroItemId], set: excludedSet(["code", "name", "is_sold", "is_tracked_as_inventory", "quantity_on_hand", "sales_unit_price", "sales_account_code", "sales_tax_type", "xero_updated_at"]), setWhere: sql`${xeroItems.xeroUpdatedAt} <= excluded.xero_updated_at` });
    }
    await tx.execute(sql`
      update ${xeroItems} x set product_id = p.id
      from ${products} p
      where x.org_id = ${orgId} and p.org_id = ${orgId} and (lower(coalesce(nullif(trim(p.xero_item_code), ''), p.code)) = lower(x.code) or p.xero_item_id = x.xero_item_id)`);
    // Every product of the organisation: one that goes by its own code alone is linked again too.
    await tx
      .update(products)
      .set({ xeroItemId: sql`(select x.xero_item_id from ${xeroItems} x where x.org_id = ${orgId} and x.product_id = ${products.id} limit 1)` })
      .where(eq(products.orgId, orgId));
    // In the same transaction: the stock and its low-stock notice commit together, once.
    await notifyLowStock(tx, orgId, before);
  });
  return items.length;
}
