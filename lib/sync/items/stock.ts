import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations, products, xeroInvoiceLines, xeroItems } from "@/db/schema";
import { notifyRoles } from "@/lib/notifications/notify";

/** A linked item's stock before a write of the items mirror: what a crossing is measured from. */
export type StockBefore = Map<string, number | null>;

/** The stock on hand of the organisation's tracked items that are linked to a product, by Xero item id. */
export async function stockBefore(db: Db, orgId: string, xeroItemIds?: string[]): Promise<StockBefore> {
  const rows = await db
    .select({ id: xeroItems.xeroItemId, quantity: xeroItems.quantityOnHand })
    .from(xeroItems)
    .where(and(eq(xeroItems.orgId, orgId), eq(xeroItems.isTrackedAsInventory, true), sql`${xeroItems.productId} is not null`, xeroItemIds ? inArray(xeroItems.xeroItemId, xeroItemIds) : undefined));
  return new Map(rows.map((r) => [r.id, r.quantity === null ? null : Number(r.quantity)]));
}

/**
 * After the items mirror changed: each product whose tracked item went from at or above its
 * low-stock threshold to below it notifies the organisation's owners, admins and sales members,
 * naming the product and the quantity left. Once per crossing: a later read still below says
 * nothing, a restock and a new fall says it again. A first reading (no stock known before) is not
 * a crossing: connecting announces no history.
 */
export async function notifyLowStock(db: Db, orgId: string, before: StockBefore): Promise<number> {
  if (!before.size) return 0;
  const rows = await db
    .select({ id: xeroItems.xeroItemId, quantity: xeroItems.quantityOnHand, name: products.name, code: products.code, threshold: products.lowStockThreshold })
    .from(xeroItems)
    .innerJoin(products, and(eq(products.orgId, xeroItems.orgId), eq(products.id, xeroItems.productId)))
    .where(and(eq(xeroItems.orgId, orgId), eq(xeroItems.isTrackedAsInventory, true), inArray(xeroItems.xeroItemId, [...before.keys()]), sql`${products.lowStockThreshold} is not null`));
  const crossed = rows.filter((r) => {
    const was = before.get(r.id);
    return was !== null && was !== undefined && r.quantity !== null && was >= r.threshold! && Number(r.quantity) < r.threshold!;
  });
  if (!crossed.length) return 0;
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  for (const r of crossed) {
    const left = Number(r.quantity);
    await notifyRoles(db, orgId, ["owner", "admin", "sales"], {
      kind: "stock.low",
      title: `Low stock: ${r.name} (${r.code}) has ${left} left`,
      body: `Below its low-stock threshold of ${r.threshold}. Reorder, or check the deals that need it.`,
      // The product list (sales members read it; the product's own page is for catalogue managers).
      link: `/o/${org.slug}/products?q=${encodeURIComponent(r.code)}`,
    });
  }
  return crossed.length;
}

/** Whether any of these invoices has a line on a tracked item of ours: its approval moves stock in Xero. */
export async function touchesTrackedStock(db: Db, orgId: string, xeroInvoiceIds: string[]): Promise<boolean> {
  if (!xeroInvoiceIds.length) return false;
  const [hit] = await db
    .select({ one: sql<number>`1` })
    .from(xeroInvoiceLines)
    .innerJoin(xeroItems, and(eq(xeroItems.orgId, xeroInvoiceLines.orgId), sql`lower(${xeroItems.code}) = lower(${xeroInvoiceLines.itemCode})`))
    .where(and(eq(xeroInvoiceLines.orgId, orgId), inArray(xeroInvoiceLines.xeroInvoiceId, xeroInvoiceIds), eq(xeroItems.isTrackedAsInventory, true)))
    .limit(1);
  return Boolean(hit);
}
