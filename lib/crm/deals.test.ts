import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { deals, syncItems } from "@/db/schema";
import { parseInput } from "@/lib/validation";
import { hideAmounts } from "./amount-visibility";
import { createCustomer } from "./customers";
import { listDeals } from "./deal-queries";
import { createDeal, getDeal, moveDealToStage, updateDeal } from "./deals";
import { listStages } from "./pipeline-stages";
import { createProduct } from "./products";
import { customerInput, dealInput, productInput } from "./schemas";
import { makeCrmOrg } from "./test-actors";

async function setup() {
  const db = getDb();
  const org = await makeCrmOrg(db);
  const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Initech" }));
  const design = await createProduct(db, org.owner, parseInput(productInput, { code: "DESIGN", name: "Design day", unitPrice: "1200" }));
  const gbp = await createProduct(db, org.owner, parseInput(productInput, { code: "UK-AUDIT", name: "UK audit", unitPrice: "500", currency: "GBP" }));
  const stages = await listStages(db, org.orgId);
  return { db, org, customer, design, gbp, stages, stage: (name: string) => stages.find((s) => s.name === name)! };
}

describe("deals", () => {
  it("derives the amount from lines rounded per line, with product defaults", async () => {
    const { db, org, customer, design } = await setup();
    const deal = await createDeal(
      db,
      org.owner,
      parseInput(dealInput, {
        title: "Website",
        customerId: customer.id,
        lines: [
          { productId: design.id, quantity: "2.5", discountPercent: "10" },
          { description: "Hosting", quantity: 3, unitPrice: "19.99" },
          { description: "Odd", quantity: "3", unitPrice: "1.11", discountPercent: "33.33" },
        ],
      }),
    );
    const full = await getDeal(db, org.orgId, deal.id);
    expect(full.lines.map((l) => l.lineAmount)).toEqual(["2700.00", "59.97", "2.22"]);
    expect(full.lines[0].description).toBe("Design day");
    expect(deal.amount).toBe("2762.19");
    expect(deal.currency).toBe("USD");
  });

  it("refuses a product priced in another currency without an explicit price", async () => {
    const { db, org, customer, gbp } = await setup();
    await expect(createDeal(db, org.owner, parseInput(dealInput, { title: "Audit", customerId: customer.id, lines: [{ productId: gbp.id, quantity: 1 }] }))).rejects.toMatchObject({
      fields: [{ field: "lines.0.unitPrice", message: expect.stringMatching(/priced in GBP; this is in USD/) }],
    });
    expect(await db.select().from(deals).where(eq(deals.orgId, org.orgId))).toHaveLength(0);
  });

  it("queues the deal for invoicing when it is won, and unqueues it if reopened before the sync ran", async () => {
    const { db, org, customer, design, stage } = await setup();
    const deal = await createDeal(db, org.owner, parseInput(dealInput, { title: "Retainer", customerId: customer.id, lines: [{ productId: design.id, quantity: 1 }] }));
    const outbox = () => db.select().from(syncItems).where(and(eq(syncItems.orgId, org.orgId), eq(syncItems.entityType, "deal")));
    expect(await outbox()).toHaveLength(0);
    const won = await moveDealToStage(db, org.owner, deal.id, stage("Won").id);
    expect(won.wonAt).toBeInstanceOf(Date);
    expect(await outbox()).toMatchObject([{ entityId: deal.id, operation: "upsert", status: "pending" }]);
    const reopened = await moveDealToStage(db, org.owner, deal.id, stage("Proposal").id);
    expect(reopened.wonAt).toBeNull();
    expect(await outbox()).toHaveLength(0);
  });

  it("will not reopen a deal that Xero already invoiced", async () => {
    const { db, org, customer, stage } = await setup();
    const deal = await createDeal(db, org.owner, parseInput(dealInput, { title: "Done", customerId: customer.id, stageId: stage("Won").id }));
    await db.update(deals).set({ xeroInvoiceId: "inv-1" }).where(eq(deals.id, deal.id));
    await expect(moveDealToStage(db, org.owner, deal.id, stage("Lead").id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("lets sales move only their own deals and never set prices without financial visibility", async () => {
    const { db, org, customer, design, stage } = await setup();
    const theirs = await createDeal(db, org.finance, parseInput(dealInput, { title: "Finance's", customerId: customer.id }));
    await expect(moveDealToStage(db, org.sales, theirs.id, stage("Won").id)).rejects.toMatchObject({ code: "forbidden" });
    const blind = { ...org.sales, canSeeAmounts: false };
    await expect(createDeal(db, blind, parseInput(dealInput, { title: "Cheap", customerId: customer.id, lines: [{ productId: design.id, quantity: 1, unitPrice: 1 }] }))).rejects.toMatchObject({
      fields: [{ field: "lines.0.unitPrice" }],
    });
    const mine = await createDeal(db, blind, parseInput(dealInput, { title: "Mine", customerId: customer.id, lines: [{ productId: design.id, quantity: 2 }] }));
    expect(mine.amount).toBe("2400.00");
    expect(hideAmounts(mine, blind.canSeeAmounts).amount).toBeNull();
    await updateDeal(db, blind, mine.id, { stageId: stage("Won").id });
  });

  it("rejects a stage or customer from another organisation", async () => {
    const { db, org, customer } = await setup();
    const other = await setup();
    await expect(createDeal(db, org.owner, parseInput(dealInput, { title: "X", customerId: other.customer.id }))).rejects.toMatchObject({ fields: [{ field: "customerId" }] });
    await expect(createDeal(db, org.owner, parseInput(dealInput, { title: "X", customerId: customer.id, stageId: other.stage("Won").id }))).rejects.toMatchObject({ fields: [{ field: "stageId" }] });
  });
});

describe("deal lines and financial visibility", () => {
  it("does not let a member who cannot see amounts re-price an existing deal", async () => {
    const { db, org, customer, design } = await setup();
    const blind = { ...org.sales, canSeeAmounts: false };
    const deal = await createDeal(db, blind, parseInput(dealInput, { title: "Negotiated", customerId: customer.id, lines: [{ productId: design.id, quantity: 1 }] }));
    await updateDeal(db, org.finance, deal.id, { lines: [{ productId: design.id, quantity: 1, unitPrice: 999 }] });
    await expect(updateDeal(db, blind, deal.id, { lines: [{ productId: design.id, quantity: 2 }] })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getDeal(db, org.orgId, deal.id)).amount).toBe("999.00");
  });
});

describe("deal listing", () => {
  it("filters by stage, owner and search over title and customer, within the organisation", async () => {
    const { db, org, customer, stage } = await setup();
    await createDeal(db, org.sales, parseInput(dealInput, { title: "Sam's deal", customerId: customer.id }));
    await createDeal(db, org.finance, parseInput(dealInput, { title: "Finn's deal", customerId: customer.id, stageId: stage("Won").id }));
    const titles = async (f: Record<string, string>) => (await listDeals(db, org.orgId, { ...f, page: 1, pageSize: 10 })).rows.map((r) => r.deal.title).sort();
    expect(await titles({ ownerId: org.sales.userId! })).toEqual(["Sam's deal"]);
    expect(await titles({ stageId: stage("Won").id })).toEqual(["Finn's deal"]);
    expect(await titles({ q: "initech" })).toEqual(["Finn's deal", "Sam's deal"]);
    expect(await titles({ q: "sam" })).toEqual(["Sam's deal"]);
  });
});
