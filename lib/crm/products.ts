import { and, asc, count, desc, eq, ilike, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { ownKey } from "@/lib/http/search-params";
import { products, xeroItems, type Product } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { itemCodeOf } from "./item-code";
import type { CrmActor } from "./crm-actor";
import { afterCursor, decodeCursor, pageOf } from "./cursor";
import { escapeLike } from "./list-params";
import { enqueueRemoval, enqueueSync } from "./outbox";
import { assertCanManageCatalog, assertMaySetPrice } from "./record-access";
import type { ProductInput } from "./schemas";
import { onUniqueViolation } from "./unique-violation";

const codeTaken = onUniqueViolation("code", "Another product already has this code. Codes are unique (Xero matches items by code).");

export async function getProduct(db: Db, orgId: string, id: string): Promise<Product> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.orgId, orgId), eq(products.id, id)));
  if (!row) throw notFound("That product");
  return row;
}

export async function createProduct(db: Db, actor: CrmActor, input: ProductInput): Promise<Product> {
  assertCanManageCatalog(actor);
  assertMaySetPrice(actor, "unitPrice", true);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(products)
      .values({ ...input, orgId: actor.orgId, unitPrice: input.unitPrice.toFixed(2), currency: input.currency ?? actor.org.baseCurrency })
      .returning()
      .catch(codeTaken);
    await assertOwnItemCode(tx, row);
    await enqueueSync(tx, actor.orgId, "product", row.id, "upsert");
    return row;
  });
}

export async function updateProduct(db: Db, actor: CrmActor, id: string, patch: Partial<ProductInput>): Promise<Product> {
  assertCanManageCatalog(actor);
  assertMaySetPrice(actor, "unitPrice", patch.unitPrice !== undefined);
  return db.transaction(async (tx) => {
    await getProduct(tx, actor.orgId, id);
    const { unitPrice, ...rest } = patch;
    const [row] = await tx
      .update(products)
      .set({ ...rest, ...(unitPrice !== undefined ? { unitPrice: unitPrice.toFixed(2) } : {}), updatedAt: sql`now()` })
      .where(and(eq(products.orgId, actor.orgId), eq(products.id, id)))
      .returning()
      .catch(codeTaken);
    await assertOwnItemCode(tx, row);
    await enqueueSync(tx, actor.orgId, "product", id, "upsert");
    return row;
  });
}

/**
 * One Xero item per product: a product may not go by the item code another product goes by (its
 * mapping's or its own code), or both would write one item's name and price back and forth and
 * only one could be linked to it. Checked in the write's transaction, which it rolls back.
 */
async function assertOwnItemCode(tx: Db, row: Product): Promise<void> {
  const code = itemCodeOf(row);
  const [other] = await tx
    .select({ code: products.code, name: products.name })
    .from(products)
    .where(and(eq(products.orgId, row.orgId), ne(products.id, row.id), sql`lower(coalesce(nullif(trim(${products.xeroItemCode}), ''), ${products.code})) = lower(${code})`))
    .limit(1);
  if (!other) return;
  const field = row.xeroItemCode?.trim() ? "xeroItemCode" : "code";
  const message = `Product ${other.code} (${other.name}) already goes by Xero item code ${code}: each Xero item belongs to one product. Use another ${field === "code" ? "code" : "Xero item code"}.`;
  throw new AppError("validation", message, [{ field, message }]);
}

/** Products are archived, not deleted: past deals and invoices still point at them. */
export async function archiveProduct(db: Db, actor: CrmActor, id: string): Promise<void> {
  assertCanManageCatalog(actor);
  await db.transaction(async (tx) => {
    const current = await getProduct(tx, actor.orgId, id);
    await tx.update(products).set({ archivedAt: sql`now()`, updatedAt: sql`now()` }).where(and(eq(products.orgId, actor.orgId), eq(products.id, id)));
    await enqueueRemoval(tx, actor.orgId, "product", id, current.xeroItemId);
  });
}

export interface ProductFilters {
  q?: string;
  includeArchived?: boolean;
  unmapped?: boolean;
}

function productWhere(orgId: string, f: ProductFilters): SQL {
  const parts: (SQL | undefined)[] = [eq(products.orgId, orgId)];
  if (!f.includeArchived) parts.push(isNull(products.archivedAt));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(products.code, like), ilike(products.name, like)));
  }
  if (f.unmapped) parts.push(or(and(isNull(products.xeroItemCode), isNull(products.xeroItemId)), isNull(products.salesAccountCode), isNull(products.taxType)));
  return and(...parts)!;
}

const SORTS = { code: sql`lower(${products.code})`, name: sql`lower(${products.name})`, unitPrice: products.unitPrice, createdAt: products.createdAt } as const;

export async function listProducts(db: Db, orgId: string, f: ProductFilters & { sort?: string; dir?: "asc" | "desc"; page: number; pageSize: number }) {
  const where = productWhere(orgId, f);
  const sortKey = ownKey(SORTS, f.sort) ? f.sort : "code";
  const order = (f.dir ?? "asc") === "asc" ? asc : desc;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(products)
      .where(where)
      .orderBy(order(SORTS[sortKey]), asc(products.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(products).where(where),
  ]);
  return { rows, total, sort: sortKey };
}

export async function listProductsAfter(db: Db, orgId: string, cursor: string | null, limit: number, f: ProductFilters = {}) {
  const rows = await db
    .select()
    .from(products)
    .where(and(productWhere(orgId, f), afterCursor(products.createdAt, products.id, decodeCursor(cursor))))
    .orderBy(asc(products.createdAt), asc(products.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

/** The products a line can name, with their stock on hand where Xero tracks it (null otherwise). */
export async function listProductChoices(db: Db, orgId: string) {
  return db
    .select({
      id: products.id,
      code: products.code,
      name: products.name,
      unitPrice: products.unitPrice,
      currency: products.currency,
      quantityOnHand: sql<string | null>`(select x.quantity_on_hand::text from ${xeroItems} x where x.org_id = ${products.orgId} and x.product_id = ${products.id} and x.is_tracked_as_inventory limit 1)`,
    })
    .from(products)
    .where(productWhere(orgId, {}))
    .orderBy(sql`lower(${products.code})`);
}

/** A product's stock on hand in Xero: its linked item's, when Xero tracks it. */
export async function stockOfProduct(db: Db, orgId: string, productId: string): Promise<{ tracked: boolean; quantityOnHand: string | null }> {
  const [item] = await db
    .select({ quantity: xeroItems.quantityOnHand, tracked: xeroItems.isTrackedAsInventory })
    .from(xeroItems)
    .where(and(eq(xeroItems.orgId, orgId), eq(xeroItems.productId, productId)))
    .limit(1);
  return { tracked: item?.tracked ?? false, quantityOnHand: item?.tracked && item.quantity !== null ? String(Number(item.quantity)) : null };
}
