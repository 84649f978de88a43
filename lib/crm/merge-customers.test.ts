import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, deals, subscriptions, syncItems } from "@/db/schema";
import { parseInput } from "@/lib/validation";
import { createCustomer, getCustomer } from "./customers";
import { dataHealthReport, normaliseName } from "./data-health";
import { createDeal } from "./deals";
import { mergeCustomers } from "./merge-customers";
import { createProduct } from "./products";
import { customerInput, dealInput, productInput, subscriptionInput } from "./schemas";
import { saveSubscription } from "./subscriptions";
import { makeCrmOrg } from "./test-actors";

describe("data health", () => {
  it("normalises company names the way a reader would", () => {
    expect(normaliseName("ACME Limited")).toBe(normaliseName("Acme, Ltd."));
    expect(normaliseName("Café & Co")).toBe("cafe and");
    expect(normaliseName("Acme Widgets")).not.toBe(normaliseName("Acme"));
  });

  it("finds duplicates by email and by name, missing emails and addresses, and unmapped products", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const c = (v: Record<string, unknown>) => createCustomer(db, org.owner, parseInput(customerInput, v));
    await c({ name: "Acme Ltd", email: "ap@acme.test", addressLine1: "1 Road", city: "Leeds", country: "GB" });
    await c({ name: "Acme Billing", email: "AP@acme.test", addressLine1: "1 Road", city: "Leeds", country: "GB" });
    await c({ name: "Globex Corp", email: "a@globex.test" });
    await c({ name: "globex", email: "b@globex.test" });
    await c({ name: "Loner", email: "l@loner.test", addressLine1: "2 Road", city: "York", country: "GB" });
    await c({ name: "No Email Inc" });
    await createProduct(db, org.owner, parseInput(productInput, { code: "X", name: "X", unitPrice: 1, salesAccountCode: "200" }));
    // Each its own Xero item (two products cannot go by one item code).
    const mapped = (xeroItemCode: string) => ({ xeroItemCode, salesAccountCode: "200", taxType: "OUTPUT" });
    await createProduct(db, org.owner, parseInput(productInput, { code: "WEB-1", name: "Website build", unitPrice: 5000, ...mapped("I-1") }));
    await createProduct(db, org.owner, parseInput(productInput, { code: "WEB-OLD", name: "Website Build.", unitPrice: 4500, ...mapped("I-2") }));
    await createProduct(db, org.owner, parseInput(productInput, { code: "FREE", name: "Free thing", unitPrice: 0, ...mapped("I-3") }));
    const report = await dataHealthReport(db, org.orgId);
    expect(report.duplicates.map((d) => [d.reason, d.customers.map((x) => x.name).sort()])).toEqual([
      ["same email", ["Acme Billing", "Acme Ltd"]],
      ["same name", ["Globex Corp", "globex"]],
    ]);
    expect(report.missingEmail.map((x) => x.name)).toEqual(["No Email Inc"]);
    expect(report.missingAddress.map((x) => x.name).sort()).toEqual(["Globex Corp", "No Email Inc", "globex"]);
    expect(report.unmappedProducts).toMatchObject([{ code: "X", missing: ["Xero item code", "tax type"] }]);
    expect(report.duplicateProducts.map((d) => d.products.map((p) => p.code))).toEqual([["WEB-1", "WEB-OLD"]]);
    expect(report.unpricedProducts.map((p) => p.code)).toEqual(["FREE"]);
  });
});

describe("merging customers", () => {
  it("keeps picked values, re-points deals and subscriptions, unites tags and removes the duplicate in one step", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const keep = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Acme Ltd", email: "ap@acme.test", tags: "vip" }));
    const dupe = await createCustomer(db, org.owner, parseInput(customerInput, { name: "ACME Limited", email: "ap@acme.test", phone: "+44 1", tags: "uk", externalId: "hub-7" }));
    const product = await createProduct(db, org.owner, parseInput(productInput, { code: "RET", name: "Retainer", unitPrice: 100 }));
    const deal = await createDeal(db, org.owner, parseInput(dealInput, { title: "On the dupe", customerId: dupe.id }));
    const sub = await saveSubscription(db, org.owner, null, parseInput(subscriptionInput, { customerId: dupe.id, interval: "monthly", startDate: "2026-12-01", lines: [{ productId: product.id, quantity: 1 }] }));
    await db.update(customers).set({ xeroContactId: "xero-dupe" }).where(eq(customers.id, dupe.id));

    const merged = await mergeCustomers(db, org.owner, { survivorId: keep.id, mergedIds: [dupe.id], pick: { phone: dupe.id, externalId: dupe.id } });
    expect(merged).toMatchObject({ name: "Acme Ltd", phone: "+44 1", externalId: "hub-7", xeroContactId: "xero-dupe" });
    expect(merged.tags.sort()).toEqual(["uk", "vip"]);
    expect((await db.select().from(deals).where(eq(deals.id, deal.id)))[0].customerId).toBe(keep.id);
    expect((await db.select().from(subscriptions).where(eq(subscriptions.id, sub.id)))[0].customerId).toBe(keep.id);
    await expect(getCustomer(db, org.orgId, dupe.id)).rejects.toMatchObject({ code: "not_found" });
    const outbox = await db.select().from(syncItems).where(eq(syncItems.orgId, org.orgId));
    expect(outbox.filter((s) => s.entityId === dupe.id)).toHaveLength(0);
    expect(outbox.find((s) => s.entityId === keep.id)).toMatchObject({ operation: "upsert", status: "pending" });
  });

  it("refuses customers of another organisation and a sales member merging someone else's customer, changing nothing", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const other = await makeCrmOrg(db);
    const mine = await createCustomer(db, org.sales, parseInput(customerInput, { name: "Mine" }));
    const theirs = await createCustomer(db, org.finance, parseInput(customerInput, { name: "Theirs" }));
    const foreign = await createCustomer(db, other.owner, parseInput(customerInput, { name: "Foreign" }));
    await expect(mergeCustomers(db, org.owner, { survivorId: mine.id, mergedIds: [foreign.id], pick: {} })).rejects.toMatchObject({ code: "not_found" });
    await expect(mergeCustomers(db, org.sales, { survivorId: mine.id, mergedIds: [theirs.id], pick: {} })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getCustomer(db, org.orgId, theirs.id)).name).toBe("Theirs");
    expect((await getCustomer(db, other.orgId, foreign.id)).name).toBe("Foreign");
  });
});
