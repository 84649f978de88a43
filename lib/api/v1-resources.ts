import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { xeroInvoices } from "@/db/schema";
import { customerBalances, isPastDue } from "@/lib/billing/customer-balances";
import { hideAmounts, hideAmountsInAll } from "@/lib/crm/amount-visibility";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { listCustomersAfter } from "@/lib/crm/customer-queries";
import { createCustomer, deleteCustomer, getCustomer, updateCustomer } from "@/lib/crm/customers";
import { listDealsAfter } from "@/lib/crm/deal-queries";
import { createDeal, deleteDeal, getDeal, updateDeal } from "@/lib/crm/deals";
import { archiveProduct, createProduct, getProduct, listProductsAfter, stockOfProduct, updateProduct } from "@/lib/crm/products";
import { assertCanWrite } from "@/lib/crm/record-access";
import { customerInput, customerPatch, dealInput, dealPatch, productInput, productPatch, subscriptionInput, subscriptionUpdate } from "@/lib/crm/schemas";
import { deleteSubscription, getSubscription, listSubscriptionsAfter, saveSubscription } from "@/lib/crm/subscriptions";
import { parseInput } from "@/lib/validation";

type Row = Record<string, unknown>;
type Page = { data: Row[]; nextCursor: string | null };

/** One entry per /api/v1/<name> collection: the CRM functions behind it and its JSON schemas. */
export interface ApiResource {
  name: string;
  singular: string;
  createSchema: z.ZodType;
  patchSchema: z.ZodType;
  list(db: Db, actor: CrmActor, cursor: string | null, limit: number): Promise<Page>;
  get(db: Db, actor: CrmActor, id: string): Promise<Row>;
  create(db: Db, actor: CrmActor, body: unknown): Promise<Row>;
  update(db: Db, actor: CrmActor, id: string, body: unknown): Promise<Row>;
  remove(db: Db, actor: CrmActor, id: string): Promise<void>;
}

const withLines = <T extends { lines: Row[] }>(row: T, actor: CrmActor) => ({
  ...hideAmounts(row as Row & { amount?: string | null }, actor.canSeeAmounts),
  lines: hideAmountsInAll(row.lines, actor.canSeeAmounts),
});

/** Deals and subscriptions answer with their lines, read back after a write so the answer is what is stored. */
/** Deals carry `invoiceId`: the id of their invoice in /api/v1/invoices (null until Xero has it). */
async function withInvoiceIds<T extends Row & { xeroInvoiceId?: unknown }>(db: Db, orgId: string, rows: T[]): Promise<(T & { invoiceId: string | null })[]> {
  const ids = rows.map((r) => r.xeroInvoiceId).filter((id): id is string => typeof id === "string");
  const found = ids.length ? await db.select({ id: xeroInvoices.id, xeroInvoiceId: xeroInvoices.xeroInvoiceId }).from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), inArray(xeroInvoices.xeroInvoiceId, ids))) : [];
  const byXero = new Map(found.map((f) => [f.xeroInvoiceId, f.id]));
  return rows.map((r) => ({ ...r, invoiceId: typeof r.xeroInvoiceId === "string" ? (byXero.get(r.xeroInvoiceId) ?? null) : null }));
}

const readDeal = async (db: Db, actor: CrmActor, id: string) => (await withInvoiceIds(db, actor.orgId, [withLines(await getDeal(db, actor.orgId, id), actor)]))[0];
/** A subscription with its Xero side: Xero's next run (beside the CRM's nextBillingDate) and the newest invoice its runs made. */
const readSubscription = async (db: Db, actor: CrmActor, id: string) => {
  const { xeroNextScheduledDate, ...sub } = await getSubscription(db, actor.orgId, id);
  const [last] = await db
    .select({ id: xeroInvoices.id })
    .from(xeroInvoices)
    .where(and(eq(xeroInvoices.orgId, actor.orgId), eq(xeroInvoices.subscriptionId, id)))
    .orderBy(desc(xeroInvoices.date), desc(xeroInvoices.xeroUpdatedAt))
    .limit(1);
  return { ...withLines(sub, actor), nextScheduledDate: xeroNextScheduledDate, lastInvoiceId: last?.id ?? null };
};

/**
 * Customers carry their Xero balances, summed over every approved invoice of their contacts:
 * `balances: [{ currency, outstanding, overdue }]` (amounts null for keys that may not see them)
 * and `pastDue`, which every key sees.
 */
async function withBalances<T extends Row & { id: string }>(db: Db, actor: CrmActor, rows: T[]) {
  const balances = await customerBalances(db, actor.orgId, rows.map((r) => r.id), new Date().toISOString().slice(0, 10));
  return rows.map((r) => {
    const mine = balances.get(r.id) ?? [];
    return { ...r, pastDue: isPastDue(mine), balances: mine.map((b) => (actor.canSeeAmounts ? b : { currency: b.currency, outstanding: null, overdue: null })) };
  });
}
const withBalance = async <T extends Row & { id: string }>(db: Db, actor: CrmActor, row: T) => (await withBalances(db, actor, [row]))[0];

const masked = (actor: CrmActor, page: { data: Row[]; nextCursor: string | null }): Page => ({ data: hideAmountsInAll(page.data, actor.canSeeAmounts), nextCursor: page.nextCursor });

export const customersResource: ApiResource = {
  name: "customers",
  singular: "Customer",
  createSchema: customerInput,
  patchSchema: customerPatch,
  list: async (db, actor, cursor, limit) => {
    const page = await listCustomersAfter(db, actor.orgId, cursor, limit);
    return { data: await withBalances(db, actor, page.data), nextCursor: page.nextCursor };
  },
  get: async (db, actor, id) => withBalance(db, actor, await getCustomer(db, actor.orgId, id)),
  create: async (db, actor, body) => withBalance(db, actor, await createCustomer(db, actor, parseInput(customerInput, body))),
  update: async (db, actor, id, body) => withBalance(db, actor, await updateCustomer(db, actor, id, parseInput(customerPatch, body))),
  remove: (db, actor, id) => deleteCustomer(db, actor, id),
};

/** A product with its stock on hand in Xero (null where Xero does not track its item). */
async function withStock<T extends { id: string }>(db: Db, orgId: string, product: T) {
  const stock = await stockOfProduct(db, orgId, product.id);
  return { ...product, tracksInventory: stock.tracked, quantityOnHand: stock.quantityOnHand };
}

export const productsResource: ApiResource = {
  name: "products",
  singular: "Product",
  createSchema: productInput,
  patchSchema: productPatch,
  list: async (db, actor, cursor, limit) => masked(actor, await listProductsAfter(db, actor.orgId, cursor, limit)),
  get: async (db, actor, id) => withStock(db, actor.orgId, hideAmounts(await getProduct(db, actor.orgId, id), actor.canSeeAmounts)),
  create: async (db, actor, body) => hideAmounts(await createProduct(db, actor, parseInput(productInput, body)), actor.canSeeAmounts),
  update: async (db, actor, id, body) => hideAmounts(await updateProduct(db, actor, id, parseInput(productPatch, body)), actor.canSeeAmounts),
  remove: (db, actor, id) => archiveProduct(db, actor, id),
};

export const dealsResource: ApiResource = {
  name: "deals",
  singular: "Deal",
  createSchema: dealInput,
  patchSchema: dealPatch,
  list: async (db, actor, cursor, limit) => {
    const page = masked(actor, await listDealsAfter(db, actor.orgId, cursor, limit));
    return { ...page, data: await withInvoiceIds(db, actor.orgId, page.data) };
  },
  get: readDeal,
  create: async (db, actor, body) => readDeal(db, actor, (await createDeal(db, actor, parseInput(dealInput, body))).id),
  update: async (db, actor, id, body) => {
    await updateDeal(db, actor, id, parseInput(dealPatch, body));
    return readDeal(db, actor, id);
  },
  remove: (db, actor, id) => deleteDeal(db, actor, id),
};

/** A subscription is saved whole (its lines are its price): PATCH merges onto what is stored. */
export const subscriptionsResource: ApiResource = {
  name: "subscriptions",
  singular: "Subscription",
  createSchema: subscriptionInput,
  patchSchema: subscriptionUpdate,
  list: async (db, actor, cursor, limit) => masked(actor, await listSubscriptionsAfter(db, actor.orgId, cursor, limit)),
  get: readSubscription,
  create: async (db, actor, body) => readSubscription(db, actor, (await saveSubscription(db, actor, null, parseInput(subscriptionInput, body))).id),
  update: async (db, actor, id, body) => {
    assertCanWrite(actor);
    const current = await getSubscription(db, actor.orgId, id);
    // Fields left out keep their stored values; lines left out stay as stored (not re-priced).
    const base = { customerId: current.customerId, interval: current.interval, startDate: current.startDate, endDate: current.endDate, status: current.status, nextBillingDate: current.nextBillingDate, currency: current.currency, externalId: current.externalId };
    await saveSubscription(db, actor, id, parseInput(subscriptionUpdate, { ...base, ...(body as object) }));
    return readSubscription(db, actor, id);
  },
  remove: (db, actor, id) => deleteSubscription(db, actor, id),
};

export const API_RESOURCES: Record<string, ApiResource> = Object.fromEntries(
  [customersResource, dealsResource, productsResource, subscriptionsResource].map((r) => [r.name, r]),
);
