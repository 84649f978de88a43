import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { products, syncItems, syncLog } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { archiveProduct, createProduct, updateProduct } from "@/lib/crm/products";
import { productInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { drainAll } from "@/test/sync-fixtures";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { pullResources } from "../pull/pull-resources";

const sandboxOf = sandboxForFile();

/** A connected organisation after its first import (products are sent once Xero's side is matched). */
async function importedOrg() {
  const db = getDb();
  const sandbox = sandboxOf();
  const made = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  await pullResources(db, made.orgId, ["contacts", "items", "accounts", "tax_rates"], { mode: "initial", trigger: "initial" });
  return { ...made, sandbox, db, actor: actorFromContext(made.ctx) };
}

const itemCalls = (sandbox: ReturnType<typeof sandboxOf>, tenantId: string) => sandbox.control.requests({ tenantId }).filter((r) => r.method === "POST" && r.path.startsWith("/api.xro/2.0/Items")).length;

describe("products to Xero items", () => {
  it("creates 60 products' items in two batch calls, linked, with code, name, price, account and tax type", async () => {
    const { db, sandbox, orgId, tenantId, actor } = await importedOrg();
    const made = [];
    for (let i = 0; i < 60; i++) made.push(await createProduct(db, actor, parseInput(productInput, { code: `SKU-${i}`, name: `Widget ${i}`, unitPrice: `${10 + i}.25`, salesAccountCode: "200" })));
    const before = itemCalls(sandbox, tenantId);
    await drainAll(orgId);
    expect(itemCalls(sandbox, tenantId) - before).toBe(2);
    const org = sandbox.sandbox.org(tenantId)!;
    for (const p of made) {
      const item = org.itemByCode(p.code)!;
      expect(item).toMatchObject({ Name: p.name, SalesDetails: { UnitPrice: Number(p.unitPrice), AccountCode: "200" } });
      const [row] = await db.select({ xeroItemId: products.xeroItemId }).from(products).where(eq(products.id, p.id));
      expect(row.xeroItemId).toBe(item.ItemID);
    }
    expect(await db.$count(syncItems, and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "product"), eq(syncItems.status, "synced")))).toBe(60);
    // The tenant API answers the link.
    const { productsResource } = await import("@/lib/api/v1-resources");
    expect(await productsResource.get(db, { ...actor, via: "api" }, made[0].id)).toMatchObject({ id: made[0].id, xeroItemId: org.itemByCode("SKU-0")!.ItemID });
  });

  it("links to the item Xero already has with that code instead of failing, makes it follow the product, and logs both values", async () => {
    const { db, sandbox, orgId, tenantId, actor } = await importedOrg();
    const org = sandbox.sandbox.org(tenantId)!;
    org.items.put({ ItemID: crypto.randomUUID(), Code: "CONSULT-X", Name: "Old consulting name", IsSold: true, IsPurchased: false, IsTrackedAsInventory: false, SalesDetails: { UnitPrice: 99 }, UpdatedDateUTC: Date.now() });
    await pullResources(db, orgId, ["items"], { mode: "full", trigger: "schedule" });
    const countBefore = org.items.size;
    const product = await createProduct(db, actor, parseInput(productInput, { code: "CONSULTING", xeroItemCode: "CONSULT-X", name: "Consulting hour", unitPrice: "150.00" }));
    await drainAll(orgId);
    expect(org.items.size).toBe(countBefore);
    const item = org.itemByCode("CONSULT-X")!;
    expect(item).toMatchObject({ Name: "Consulting hour", SalesDetails: { UnitPrice: 150 } });
    const [row] = await db.select({ xeroItemId: products.xeroItemId }).from(products).where(eq(products.id, product.id));
    expect(row.xeroItemId).toBe(item.ItemID);
    const [logged] = await db.select().from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.recordId, product.id)));
    expect(logged).toMatchObject({ direction: "push", result: "ok", details: { xero: { name: "Old consulting name", salesUnitPrice: "99.0000" }, crm: { name: "Consulting hour", salesUnitPrice: "150.00" } } });
    expect(logged.message).toContain("Old consulting name");

    // Once linked, the price follows the product; nothing new is created.
    await updateProduct(db, actor, product.id, { unitPrice: 175 });
    await drainAll(orgId);
    expect(org.itemByCode("CONSULT-X")!.SalesDetails).toMatchObject({ UnitPrice: 175 });
    expect(org.items.size).toBe(countBefore);
  });

  it("a lost answer is sent again without a second item; an archived product keeps its item, untouched", async () => {
    const { db, sandbox, orgId, tenantId, actor } = await importedOrg();
    const org = sandbox.sandbox.org(tenantId)!;
    const product = await createProduct(db, actor, parseInput(productInput, { code: "LOST-1", name: "Lost answer", unitPrice: "5.00" }));
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    await drainAll(orgId);
    sandbox.control.clearFaults();
    await drainAll(orgId);
    expect([...org.items.values()].filter((i) => i.Code === "LOST-1")).toHaveLength(1);
    const [linked] = await db.select().from(products).where(eq(products.id, product.id));
    expect(linked.xeroItemId).toBe(org.itemByCode("LOST-1")!.ItemID);

    const stamp = org.itemByCode("LOST-1")!.UpdatedDateUTC;
    await archiveProduct(db, actor, product.id);
    await drainAll(orgId);
    expect(org.itemByCode("LOST-1")).toMatchObject({ Name: "Lost answer", UpdatedDateUTC: stamp });
    const [archived] = await db.select().from(products).where(eq(products.id, product.id));
    expect(archived.xeroItemId).toBe(linked.xeroItemId);
  });

  it("an item Xero refuses fails its row with the cause and the fix; the rest of the batch goes", async () => {
    const { db, sandbox, orgId, tenantId, actor } = await importedOrg();
    const bad = await createProduct(db, actor, parseInput(productInput, { code: "BAD-ACCT", name: "Bad account", unitPrice: "1.00", salesAccountCode: "999" }));
    const good = await createProduct(db, actor, parseInput(productInput, { code: "GOOD-1", name: "Good one", unitPrice: "2.00" }));
    await drainAll(orgId);
    const [row] = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, bad.id)));
    expect(row).toMatchObject({ status: "failed", lastErrorCode: "invalid_account_code", lastErrorMessage: expect.stringContaining("'999'") });
    expect(sandbox.sandbox.org(tenantId)!.itemByCode("GOOD-1")).toBeTruthy();
    const [ok] = await db.select().from(products).where(eq(products.id, good.id));
    expect(ok.xeroItemId).toBeTruthy();
  });
});

describe("the link between a product and its item holds", () => {
  it("an items list read before our push does not unlink the product it linked; a later list keeps it linked by its code", async () => {
    const { db, sandbox, orgId, tenantId, actor } = await importedOrg();
    const org = sandbox.sandbox.org(tenantId)!;
    // The reference pull's GET /Items was answered before the push created the item.
    const { getItemsAsXeroNode } = await import("@/test/xero-node-items");
    const stale = await getItemsAsXeroNode(db, orgId);
    const product = await createProduct(db, actor, parseInput(productInput, { code: "STALE-1", name: "Stale list", unitPrice: "7.00" }));
    await drainAll(orgId);
    const itemId = org.itemByCode("STALE-1")!.ItemID;
    const { mirrorItems } = await import("../pull/mirror-reference-data");
    await mirrorItems(db, orgId, stale);
    const [kept] = await db.select().from(products).where(eq(products.id, product.id));
    expect(kept.xeroItemId).toBe(itemId);
    const { xeroItems } = await import("@/db/schema");
    expect(await db.$count(xeroItems, and(eq(xeroItems.orgId, orgId), eq(xeroItems.xeroItemId, itemId), eq(xeroItems.productId, product.id)))).toBe(1);
    // The next list has the item: the product (a code, no Xero item code of its own) stays linked by its code.
    await db.update(products).set({ xeroItemId: null }).where(eq(products.id, product.id));
    await pullResources(db, orgId, ["items"], { mode: "full", trigger: "schedule" });
    const [relinked] = await db.select().from(products).where(eq(products.id, product.id));
    expect(relinked.xeroItemId).toBe(itemId);
  });

  it("a linked product's invoice lines carry its item's code; an ordinary edit is not logged as a difference from Xero", async () => {
    const { db, sandbox, orgId, tenantId, actor } = await importedOrg();
    const product = await createProduct(db, actor, parseInput(productInput, { code: "LINE-ITEM", name: "Line item", unitPrice: "10.00", salesAccountCode: "200" }));
    await drainAll(orgId);
    await updateProduct(db, actor, product.id, { unitPrice: 12 });
    await drainAll(orgId);
    const logs = await db.select().from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.recordId, product.id)));
    expect(logs.map((l) => l.message ?? "")).toEqual(["", ""]);

    const { saveInvoiceSettings } = await import("@/lib/billing/invoice-settings");
    await saveInvoiceSettings(db, orgId, { invoiceOnWin: true, triggerStageId: null, status: "DRAFT", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
    const { createCustomer } = await import("@/lib/crm/customers");
    const { createDeal } = await import("@/lib/crm/deals");
    const { listStages } = await import("@/lib/crm/pipeline-stages");
    const { customerInput, dealInput } = await import("@/lib/crm/schemas");
    const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `Item Buyer ${Math.random().toString(36).slice(2, 7)}` }));
    const won = (await listStages(db, orgId)).find((s) => s.kind === "won")!;
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Items on lines", customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, description: "Line item", quantity: 2, unitPrice: 12 }] }));
    await drainAll(orgId);
    const invoice = [...sandbox.sandbox.org(tenantId)!.invoices.values()].find((i) => i.Reference?.includes(`[lb:${deal.id}]`))!;
    expect(invoice.LineItems.map((l) => l.ItemCode)).toEqual(["LINE-ITEM"]);
  });

  it("two products cannot go by one Xero item code: the second is refused, naming the field", async () => {
    const { db, actor } = await importedOrg();
    await createProduct(db, actor, parseInput(productInput, { code: "SENIOR", xeroItemCode: "CONSULT", name: "Consulting (senior)", unitPrice: "200.00" }));
    const { AppError } = await import("@/lib/errors");
    const attempt = (input: Record<string, unknown>) => createProduct(db, actor, parseInput(productInput, input)).then(() => null, (e: unknown) => e);
    for (const input of [{ code: "JUNIOR", xeroItemCode: "consult", name: "Consulting (junior)", unitPrice: "100.00" }, { code: "CONSULT", name: "Consulting", unitPrice: "100.00" }]) {
      const error = await attempt(input);
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((error as InstanceType<typeof AppError>).fields.map((f) => f.field)).toEqual([input.xeroItemCode ? "xeroItemCode" : "code"]);
    }
  });
});

describe("item prices are in the organisation's base currency", () => {
  it("a product priced in another currency makes its item without a price, and never overwrites the one Xero has", async () => {
    const { db, sandbox, orgId, tenantId, actor } = await importedOrg();
    const org = sandbox.sandbox.org(tenantId)!;
    org.items.put({ ItemID: crypto.randomUUID(), Code: "EURO-1", Name: "Euro thing", IsSold: true, IsPurchased: false, IsTrackedAsInventory: false, SalesDetails: { UnitPrice: 80 }, UpdatedDateUTC: Date.now() });
    await pullResources(db, orgId, ["items"], { mode: "full", trigger: "schedule" });
    await createProduct(db, actor, parseInput(productInput, { code: "EURO-1", name: "Euro thing", unitPrice: "95.00", currency: "EUR" }));
    await drainAll(orgId);
    expect(org.itemByCode("EURO-1")!.SalesDetails?.UnitPrice).toBe(80);
  });
});
