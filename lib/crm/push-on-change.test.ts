import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncItems } from "@/db/schema";
import { parseInput } from "@/lib/validation";
import { createCustomer, updateCustomer } from "./customers";
import { createDeal, moveDealToStage, updateDeal } from "./deals";
import { listStages } from "./pipeline-stages";
import { createProduct } from "./products";
import { customerInput, customerPatch, dealInput, dealPatch, productInput } from "./schemas";
import { makeCrmOrg } from "./test-actors";

/**
 * A save queues a push only when it changed something the push sends (security review M2: an
 * integration re-saving unchanged records spent a Xero write, and the echo's read, per save).
 */
const db = () => getDb();
const waiting = (orgId: string, entityId: string) => db().$count(syncItems, and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, entityId), eq(syncItems.status, "pending")));
/** As if the push ran: the record's outbox row is settled. */
const pushed = (orgId: string, entityId: string) => db().update(syncItems).set({ status: "synced" }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, entityId)));

describe("a save queues a push only when a pushed field changed", () => {
  it("customers: the same values, or fields Xero never gets, queue nothing; a contact field does", async () => {
    const org = await makeCrmOrg(db());
    const c = await createCustomer(db(), org.owner, parseInput(customerInput, { name: "Stark Studio", email: "ap@stark.test", city: "Leeds" }));
    await pushed(org.orgId, c.id);
    await updateCustomer(db(), org.owner, c.id, parseInput(customerPatch, { name: "Stark Studio", email: "AP@stark.test", city: "Leeds" }));
    await updateCustomer(db(), org.owner, c.id, parseInput(customerPatch, { notes: "Met at the fair", tags: ["vip"], leadSource: "Referral" }));
    expect(await waiting(org.orgId, c.id)).toBe(0);
    await updateCustomer(db(), org.owner, c.id, parseInput(customerPatch, { city: "York" }));
    expect(await waiting(org.orgId, c.id)).toBe(1);
  });

  it("deals at the invoicing stage: an unchanged save or a note-like field queues nothing; its title, lines or customer do", async () => {
    const org = await makeCrmOrg(db());
    const customer = await createCustomer(db(), org.owner, parseInput(customerInput, { name: "Initech" }));
    const other = await createCustomer(db(), org.owner, parseInput(customerInput, { name: "Initrode" }));
    const design = await createProduct(db(), org.owner, parseInput(productInput, { code: "DESIGN", name: "Design day", unitPrice: "1200" }));
    const won = (await listStages(db(), org.orgId)).find((s) => s.name === "Won")!;
    const deal = await createDeal(db(), org.owner, parseInput(dealInput, { title: "Retainer", customerId: customer.id, lines: [{ productId: design.id, quantity: 2 }] }));
    await moveDealToStage(db(), org.owner, deal.id, won.id);
    expect(await waiting(org.orgId, deal.id)).toBe(1);
    await pushed(org.orgId, deal.id);

    await moveDealToStage(db(), org.owner, deal.id, won.id);
    await updateDeal(db(), org.owner, deal.id, parseInput(dealPatch, { title: "Retainer", expectedCloseDate: "2026-12-31", lines: [{ productId: design.id, quantity: 2 }] }));
    expect(await waiting(org.orgId, deal.id)).toBe(0);

    for (const change of [{ title: "Retainer 2027" }, { lines: [{ productId: design.id, quantity: 3 }] }, { customerId: other.id }]) {
      await updateDeal(db(), org.owner, deal.id, parseInput(dealPatch, change));
      expect(await waiting(org.orgId, deal.id), JSON.stringify(change)).toBe(1);
      await pushed(org.orgId, deal.id);
    }
  });
});
