import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, deals, organizations, pipelineStages, products, xeroConnections } from "@/db/schema";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { loadXeroReference } from "./invoices/load-reference";

export interface GoLiveProblem {
  code: "not_connected" | "reference_not_read" | "tax_rate_unknown" | "account_unknown" | "account_missing" | "currency_not_enabled" | "customer_without_email";
  /** What would stop the sync, and what to do, in one sentence. */
  message: string;
  /** Where to fix it in the portal. */
  link: string;
  /** A few of the records concerned. */
  examples: { id: string; label: string }[];
  count: number;
}

const EXAMPLES = 5;

/**
 * Every problem that would stop a record on its way to Xero, listed before any is sent, each with
 * where to fix it: Xero not connected or its settings not read yet; a tax rate or sales account the
 * settings or a product name that Xero does not have; lines an approved invoice cannot take (no
 * sales account anywhere); a currency Xero has not enabled on a deal, product or customer; a
 * customer to be emailed invoices with no email address. Read from the mirrors: no Xero call.
 */
export async function goLiveCheck(db: Db, orgId: string): Promise<GoLiveProblem[]> {
  const [org] = await db.select({ slug: organizations.slug, baseCurrency: organizations.baseCurrency }).from(organizations).where(eq(organizations.id, orgId));
  const base = `/o/${org.slug}`;
  const [connection] = await db.select({ status: xeroConnections.status }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  if (connection?.status !== "connected") return [{ code: "not_connected", message: "Xero is not connected (or needs re-authorising): nothing can be sent. Connect it in Settings -> Integrations.", link: `${base}/settings/integrations`, examples: [], count: 1 }];
  const reference = await loadXeroReference(db, orgId);
  if (!reference.accounts.size || !reference.salesTaxTypes.size || !reference.currencies.size) {
    return [{ code: "reference_not_read", message: "Xero's accounts, tax rates and currencies have not been read yet (the first import reads them within a minute): the checks below need them.", link: `${base}/sync`, examples: [], count: 1 }];
  }
  const settings = await getInvoiceSettings(db, orgId);
  const problems: GoLiveProblem[] = [];
  const add = (p: Omit<GoLiveProblem, "count" | "examples"> & { rows: { id: string; label: string }[] }) => {
    if (p.rows.length) problems.push({ code: p.code, message: p.message, link: p.link, count: p.rows.length, examples: p.rows.slice(0, EXAMPLES) });
  };

  // Tax rates the settings or products name that Xero does not have.
  const settingTaxes = [...new Set([settings.defaultTaxType, ...settings.taxRules.map((r) => r.taxType)].filter((t): t is string => !!t))];
  add({ code: "tax_rate_unknown", message: `Settings -> Invoicing names tax rates Xero does not have (or cannot use on sales): pick one of Xero's.`, link: `${base}/settings/invoicing`, rows: settingTaxes.filter((t) => !reference.salesTaxTypes.has(t)).map((t) => ({ id: t, label: t })) });
  const catalogue = await db.select({ id: products.id, code: products.code, name: products.name, taxType: products.taxType, salesAccountCode: products.salesAccountCode, currency: products.currency }).from(products).where(and(eq(products.orgId, orgId), isNull(products.archivedAt)));
  add({ code: "tax_rate_unknown", message: "Products name tax rates Xero does not have: pick one of Xero's on each.", link: `${base}/products`, rows: catalogue.filter((p) => p.taxType && !reference.salesTaxTypes.has(p.taxType)).map((p) => ({ id: p.id, label: `${p.code} (${p.taxType})` })) });

  // Sales accounts Xero does not have, and lines an approved invoice could not take at all.
  if (settings.defaultSalesAccountCode && !reference.accounts.has(settings.defaultSalesAccountCode)) {
    add({ code: "account_unknown", message: `The default sales account ${settings.defaultSalesAccountCode} is not one of Xero's active accounts: choose another in Settings -> Invoicing.`, link: `${base}/settings/invoicing`, rows: [{ id: settings.defaultSalesAccountCode, label: settings.defaultSalesAccountCode }] });
  }
  add({ code: "account_unknown", message: "Products name sales accounts Xero does not have: their invoice lines (and items) would be refused.", link: `${base}/products`, rows: catalogue.filter((p) => p.salesAccountCode && !reference.accounts.has(p.salesAccountCode)).map((p) => ({ id: p.id, label: `${p.code} (${p.salesAccountCode})` })) });
  if (settings.status === "AUTHORISED" && !settings.defaultSalesAccountCode) {
    add({ code: "account_missing", message: "Invoices are created approved, which needs a sales account on every line: these products have none and there is no default. Map them, or set a default sales account.", link: `${base}/products?mapping=missing`, rows: catalogue.filter((p) => !p.salesAccountCode).map((p) => ({ id: p.id, label: p.code })) });
  }

  // Currencies Xero has not enabled.
  const enabled = [...reference.currencies, org.baseCurrency];
  const openDeals = await db
    .select({ id: deals.id, title: deals.title, currency: deals.currency })
    .from(deals)
    .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
    .where(and(eq(deals.orgId, orgId), sql`${pipelineStages.kind} <> 'lost'`, isNull(deals.xeroInvoiceId), notInArray(deals.currency, enabled)))
    .limit(100);
  add({ code: "currency_not_enabled", message: `Deals in currencies the Xero organisation has not enabled (it has ${enabled.join(", ")}): enable them in Xero (Settings -> Currencies), or change the deals' currency.`, link: `${base}/deals`, rows: openDeals.map((d) => ({ id: d.id, label: `${d.title} (${d.currency})` })) });
  add({ code: "currency_not_enabled", message: "Products priced in currencies Xero has not enabled: their lines cannot be invoiced there.", link: `${base}/products`, rows: catalogue.filter((p) => !enabled.includes(p.currency)).map((p) => ({ id: p.id, label: `${p.code} (${p.currency})` })) });

  // Emailed invoices need an address.
  if (settings.sendToCustomer || settings.sendByLedgerbridge) {
    const silent = await db
      .selectDistinct({ id: customers.id, name: customers.name })
      .from(customers)
      .innerJoin(deals, and(eq(deals.orgId, customers.orgId), eq(deals.customerId, customers.id)))
      .where(and(eq(customers.orgId, orgId), sql`coalesce(${customers.email}, '') = ''`))
      .limit(100);
    add({ code: "customer_without_email", message: "Invoices are emailed to customers, and these customers with deals have no email address: add one, or their invoices are made but not sent.", link: `${base}/customers`, rows: silent.map((c) => ({ id: c.id, label: c.name })) });
  }
  return problems;
}
