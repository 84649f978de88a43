import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { createDeal } from "@/lib/crm/deals";
import { createProduct } from "@/lib/crm/products";
import { dealInput, productInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import { pullResources } from "../pull/pull-resources";

const sandboxOf = sandboxForFile();

describe("inventory: stock on hand from Xero's tracked items", () => {
  it("shows a tracked product's stock; a won deal's approved invoice lowers it in Xero and here at once; falling below the threshold notifies owners, admins and sales once per crossing", async () => {
    const sandbox = sandboxOf();
    const org = await invoicingOrg(sandbox, { status: "AUTHORISED", customerName: "Stock Buyer" });
    const { db, orgId, tenantId, actor, customer, won } = org;
    const books = sandbox.sandbox.org(tenantId)!;
    const CODE = `STOCK-${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    books.items.put({ ItemID: crypto.randomUUID(), Code: CODE, Name: "Widget", IsSold: true, IsPurchased: true, IsTrackedAsInventory: true, InventoryAssetAccountCode: "630", QuantityOnHand: 10, SalesDetails: { UnitPrice: 25, AccountCode: "200" }, UpdatedDateUTC: Date.now() });
    await pullResources(db, orgId, ["items"], { mode: "full", trigger: "schedule" });
    const product = await createProduct(db, actor, parseInput(productInput, { code: CODE, name: "Widget", unitPrice: "25.00", salesAccountCode: "200", lowStockThreshold: 5 }));
    await drainAll(orgId);
    const { productsResource } = await import("@/lib/api/v1-resources");
    const read = async () => (await productsResource.get(db, { ...actor, via: "api" }, product.id)) as { quantityOnHand: string | null; tracksInventory: boolean };
    expect(await read()).toMatchObject({ tracksInventory: true, quantityOnHand: "10" });

    const lowNotes = () => db.select().from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.kind, "stock.low")));
    // 4 sold: 6 left, still at or above 5: no notice.
    await saveInvoiceSettings(db, orgId, { invoiceOnWin: true, triggerStageId: null, status: "AUTHORISED", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
    const sell = async (title: string, quantity: number) => {
      await createDeal(db, actor, parseInput(dealInput, { title, customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, description: "Widget", quantity, unitPrice: 25 }] }));
      await drainAll(orgId);
    };
    await sell("Four widgets", 4);
    expect(books.itemByCode(CODE)!.QuantityOnHand).toBe(6);
    expect(await read()).toMatchObject({ quantityOnHand: "6" });
    expect(await lowNotes()).toHaveLength(0);
    // 2 more: 4 left, below 5: the owner is told, naming the product and what is left.
    await sell("Two widgets", 2);
    expect(await read()).toMatchObject({ quantityOnHand: "4" });
    const notes = await lowNotes();
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(notes.every((n) => n.title === `Low stock: Widget (${CODE}) has 4 left`)).toBe(true);
    const count = notes.length;
    // Still below after another sale: no second notice for the same crossing.
    await sell("One widget", 1);
    expect(await read()).toMatchObject({ quantityOnHand: "3" });
    expect(await lowNotes()).toHaveLength(count);
    // Restocked in Xero, then sold below again: a new crossing, a new notice.
    books.itemByCode(CODE)!.QuantityOnHand = 20;
    books.itemByCode(CODE)!.UpdatedDateUTC = Date.now();
    books.items.touched();
    await pullResources(db, orgId, ["items"], { mode: "full", trigger: "schedule" });
    await sell("Sixteen widgets", 16);
    expect((await lowNotes()).length).toBe(count * 2);
  });
});
