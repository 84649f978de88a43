import { and, eq, inArray, sql } from "drizzle-orm";
import type { Item } from "xero-node";
import type { Db } from "@/db";
import { organizations, products, xeroItems, type Product } from "@/db/schema";
import { itemCodeOf } from "@/lib/crm/item-code";
import { toCents } from "@/lib/crm/money";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { causeOf, fixFor } from "../causes";
import { settleBatchError, type PushOutcome } from "../outbox/batch-outcome";
import { claimDueItems, renewClaim } from "../outbox/claim-items";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import { settleFailed, settleSkipped, settleSynced } from "../outbox/settle-items";
import { correlationIdOf } from "../xero-reads";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";

/** Xero takes about 50 elements a batch comfortably (xero-notes.md), as for contacts. */
export const ITEM_BATCH = 50;


/**
 * One batch of the product outbox to Xero items: at most 50 rows claimed, one updateOrCreateItems
 * call (Xero matches an item by its code, so a product whose code Xero already has links to that
 * item instead of failing, and a retried write after a lost answer updates what it made), each
 * element settled on its own row. The CRM's catalogue is the source: the item's name and sales
 * price follow the product; a difference from Xero's item found when linking is written to the sync
 * log with both values. Archived products stay linked: nothing is
 * deleted or archived in Xero.
 */
export async function pushProductBatch(db: Db, orgId: string, trigger: SyncTrigger): Promise<PushOutcome> {
  const claim = await claimDueItems(db, orgId, "product", ITEM_BATCH);
  if (!claim.items.length) return { kind: "idle" };
  const { token, items } = claim;
  const found = await db
    .select()
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.id, items.map((i) => i.entityId))));
  const byId = new Map(found.map((p) => [p.id, p]));
  let sendable: { item: (typeof items)[number]; product: Product }[] = [];
  for (const item of items) {
    const product = byId.get(item.entityId);
    if (!product) await settleSkipped(db, token, item, { code: "deleted", message: "The product was deleted before it synced." });
    else if (item.operation === "archive" || product.archivedAt) await settleSkipped(db, token, item, { code: "archived", message: `${product.name} is archived: its Xero item stays as it is (past invoices use it).` });
    else sendable.push({ item, product });
  }
  if (!sendable.length) return { kind: "progress", sent: 0, failed: 0 };

  const log: SyncLogInput[] = [];
  try {
    const held = await renewClaim(db, token, sendable.map((s) => s.item));
    sendable = sendable.filter((s) => held.has(s.item.id));
    if (!sendable.length) return { kind: "progress", sent: 0, failed: 0 };
    const existing = await existingItems(db, orgId, sendable.map((s) => s.product));
    const [org] = await db.select({ baseCurrency: organizations.baseCurrency }).from(organizations).where(eq(organizations.id, orgId));
    // A Xero item's price is in the organisation's base currency: a product priced in another keeps Xero's.
    const inBase = (p: Product) => p.currency === org?.baseCurrency;
    const payload: Item[] = sendable.map(({ product }) => ({
      itemID: product.xeroItemId ?? undefined,
      code: itemCodeOf(product),
      name: product.name.slice(0, 50),
      description: product.description ?? undefined,
      isSold: true,
      // Xero's own price sent back as it is (a partial SalesDetails may not keep it).
      salesDetails: { unitPrice: inBase(product) ? Number(product.unitPrice) : keptPrice(existing.get(itemCodeOf(product).toLowerCase())?.salesUnitPrice), accountCode: product.salesAccountCode ?? undefined, taxType: product.taxType ?? undefined },
    }));
    const key = idempotencyKeyFor(orgId, "items", sendable.map((s) => s.item), payload);
    const answer = await callXero(db, orgId, { method: "POST", path: "/Items" }, (xero, tenantId) => xero.accountingApi.updateOrCreateItems(tenantId, { items: payload }, false, undefined, key));
    const correlationId = correlationIdOf(answer);
    const results = answer.body.items ?? [];
    let sent = 0;
    let failed = 0;
    const settled: SyncLogInput[] = [];
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      for (const [i, { item, product }] of sendable.entries()) {
        const result = results[i];
        const code = itemCodeOf(product);
        const before = existing.get(code.toLowerCase());
        const operation = product.xeroItemId ? "update" : before ? "link" : "create";
        const errors = (result?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean);
        if (result && String(result.statusAttributeString) !== "ERROR" && result.itemID) {
          await tx.update(products).set({ xeroItemId: result.itemID }).where(and(eq(products.orgId, orgId), eq(products.id, product.id)));
          await mirrorItem(tx, orgId, product.id, result);
          await settleSynced(tx, token, item, result.itemID);
          // Only when linking is the mirror Xero's own item: after that it holds what we last sent, and a
          // difference is the CRM's edit, not Xero's (the catalogue is the source either way).
          const differed = operation === "link" && before && (before.name !== product.name.slice(0, 50) || (inBase(product) && !samePrice(before.salesUnitPrice, product.unitPrice)));
          settled.push({
            orgId,
            recordType: "product",
            recordId: product.id,
            xeroId: result.itemID,
            direction: "push",
            operation,
            result: "ok",
            correlationId,
            trigger,
            ...(differed
              ? {
                  message: `Xero's item ${code} had another name or price (${before.name ?? "no name"}, ${before.salesUnitPrice ?? "no price"}): it now follows the product (${product.name}, ${product.unitPrice}).`,
                  details: { xero: { name: before.name, salesUnitPrice: before.salesUnitPrice }, crm: { name: product.name, salesUnitPrice: product.unitPrice } },
                }
              : {}),
          });
          sent++;
          continue;
        }
        const xeroMessage = errors.join(" ") || "Xero did not return this item.";
        const cause = causeOf(xeroMessage, "product");
        await settleFailed(tx, token, item, { code: cause, message: fixFor(cause, `product "${product.name}"`, xeroMessage), xeroMessage });
        settled.push({ orgId, recordType: "product", recordId: product.id, direction: "push", operation, result: "failed", message: xeroMessage, correlationId, trigger });
        failed++;
      }
    });
    log.push(...settled);
    await logSync(db, log);
    return { kind: "progress", sent, failed };
  } catch (error) {
    await logSync(db, log);
    return settleBatchError(db, token, sendable.map((s) => s.item), error, { recordType: "product", trigger, wrote: true });
  }
}

/** Xero's items (as last mirrored) with the codes these products go by: what the push is about to change. */
async function existingItems(db: Db, orgId: string, list: Product[]) {
  const codes = [...new Set(list.map((p) => itemCodeOf(p).toLowerCase()))];
  if (!codes.length) return new Map<string, { name: string | null; salesUnitPrice: string | null }>();
  const rows = await db
    .select({ code: xeroItems.code, name: xeroItems.name, salesUnitPrice: xeroItems.salesUnitPrice })
    .from(xeroItems)
    .where(and(eq(xeroItems.orgId, orgId), inArray(sql`lower(${xeroItems.code})`, codes)));
  return new Map(rows.map((r) => [r.code.toLowerCase(), { name: r.name, salesUnitPrice: r.salesUnitPrice }]));
}

/** Xero's price of an item as mirrored (4 dp), for a write that must not change it. */
const keptPrice = (mirrored: string | null | undefined) => (mirrored === null || mirrored === undefined ? undefined : Number(mirrored));

/** Prices compared in cents through the money module: "150.0000" (the mirror's 4 dp) is "150.00". */
const samePrice = (mirrored: string | null, price: string) => mirrored !== null && toCents(mirrored) === toCents(price);

/** The item as Xero answered it, in the items mirror (an upsert: a reference pull may write the same row at once). */
async function mirrorItem(tx: Db, orgId: string, productId: string, i: Item) {
  const row = {
    orgId,
    xeroItemId: i.itemID!,
    code: i.code!,
    name: i.name ?? null,
    productId,
    isSold: i.isSold ?? true,
    isTrackedAsInventory: i.isTrackedAsInventory ?? false,
    quantityOnHand: i.quantityOnHand === undefined ? null : String(i.quantityOnHand),
    salesUnitPrice: i.salesDetails?.unitPrice === undefined ? null : String(i.salesDetails.unitPrice),
    salesAccountCode: i.salesDetails?.accountCode ?? null,
    salesTaxType: i.salesDetails?.taxType ?? null,
    xeroUpdatedAt: i.updatedDateUTC ? new Date(i.updatedDateUTC) : new Date(),
  };
  // Stock is the items pull's to write (it tells a low-stock crossing); our answer leaves it as it is.
  const { orgId: _org, xeroItemId: _id, quantityOnHand: _stock, ...changes } = row; // eslint-disable-line @typescript-eslint/no-unused-vars
  await tx.insert(xeroItems).values(row).onConflictDoUpdate({ target: [xeroItems.orgId, xeroItems.xeroItemId], set: changes });
}
