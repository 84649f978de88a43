import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncItems } from "@/db/schema";
import { parseInput } from "@/lib/validation";
import { createCustomer, deleteCustomer, getCustomer, updateCustomer } from "./customers";
import { listCustomers } from "./customer-queries";
import { customerInput } from "./schemas";
import { makeCrmOrg } from "./test-actors";

const pendingFor = async (orgId: string, entityId: string) =>
  getDb()
    .select()
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, entityId)));

describe("customers", () => {
  it("names every bad field with a fix", () => {
    const attempt = () => parseInput(customerInput, { name: " ", email: "nope", country: "USA", currency: "dollars", paymentTermDays: "-3" });
    expect(attempt).toThrowError(/name: Name is required/);
    try {
      attempt();
    } catch (error) {
      const fields = (error as { fields: { field: string; message: string }[] }).fields.map((f) => f.field).sort();
      expect(fields).toEqual(["country", "currency", "email", "name", "paymentTermDays"]);
    }
  });

  it("writes the customer and its outbox row together, and folds later edits into the same pending row", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const c = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Globex", email: "AP@Globex.test", country: "nz", tags: "vip, retail" }));
    expect(c).toMatchObject({ email: "ap@globex.test", country: "NZ", tags: ["vip", "retail"], ownerId: org.owner.userId });
    await updateCustomer(db, org.owner, c.id, { phone: "+64 9 555 0100" });
    const rows = await pendingFor(org.orgId, c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entityType: "customer", operation: "upsert", status: "pending" });
  });

  it("leaves nothing behind when the write fails part way", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await createCustomer(db, org.owner, parseInput(customerInput, { name: "First", externalId: "crm-1" }));
    await expect(createCustomer(db, org.owner, parseInput(customerInput, { name: "Second", externalId: "crm-1" }))).rejects.toMatchObject({ code: "conflict", fields: [{ field: "externalId" }] });
    const names = (await db.select({ name: customers.name }).from(customers).where(eq(customers.orgId, org.orgId))).map((r) => r.name);
    expect(names).toEqual(["First"]);
    expect(await db.select().from(syncItems).where(eq(syncItems.orgId, org.orgId))).toHaveLength(1);
  });

  it("lets sales edit only their own customers and never reassign them", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const mine = await createCustomer(db, org.sales, parseInput(customerInput, { name: "Mine" }));
    const theirs = await createCustomer(db, org.finance, parseInput(customerInput, { name: "Theirs" }));
    expect(mine.ownerId).toBe(org.sales.userId);
    await updateCustomer(db, org.sales, mine.id, { phone: "1" });
    await expect(updateCustomer(db, org.sales, theirs.id, { phone: "1" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateCustomer(db, org.sales, mine.id, { ownerId: org.finance.userId })).rejects.toMatchObject({ code: "forbidden" });
    await updateCustomer(db, org.finance, mine.id, { ownerId: org.finance.userId });
    expect((await getCustomer(db, org.orgId, mine.id)).ownerId).toBe(org.finance.userId);
  });

  it("answers not found for another organisation's customer and changes nothing", async () => {
    const db = getDb();
    const a = await makeCrmOrg(db);
    const b = await makeCrmOrg(db);
    const bc = await createCustomer(db, b.owner, parseInput(customerInput, { name: "B's customer" }));
    await expect(getCustomer(db, a.orgId, bc.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateCustomer(db, a.owner, bc.id, { name: "hijacked" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteCustomer(db, a.owner, bc.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await getCustomer(db, b.orgId, bc.id)).name).toBe("B's customer");
    expect((await listCustomers(db, a.orgId, { page: 1, pageSize: 25 })).total).toBe(0);
  });

  it("refuses an owner who is not a member", async () => {
    const db = getDb();
    const a = await makeCrmOrg(db);
    const b = await makeCrmOrg(db);
    await expect(createCustomer(db, a.owner, parseInput(customerInput, { name: "X", ownerId: b.owner.userId! }))).rejects.toMatchObject({ fields: [{ field: "ownerId" }] });
  });

  it("searches, sorts and pages", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    for (const name of ["delta", "Alpha", "charlie", "Bravo", "alpha two"]) await createCustomer(db, org.owner, parseInput(customerInput, { name }));
    const page1 = await listCustomers(db, org.orgId, { sort: "name", dir: "asc", page: 1, pageSize: 2 });
    expect(page1.total).toBe(5);
    expect(page1.rows.map((r) => r.customer.name)).toEqual(["Alpha", "alpha two"]);
    const page3 = await listCustomers(db, org.orgId, { sort: "name", dir: "asc", page: 3, pageSize: 2 });
    expect(page3.rows.map((r) => r.customer.name)).toEqual(["delta"]);
    const found = await listCustomers(db, org.orgId, { q: "ALPHA", page: 1, pageSize: 10 });
    expect(found.rows.map((r) => r.customer.name).sort()).toEqual(["Alpha", "alpha two"]);
    expect((await listCustomers(db, org.orgId, { q: "%", page: 1, pageSize: 10 })).total).toBe(0);
  });

  it("drops the waiting outbox row when a never-synced customer is deleted", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const c = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Short-lived" }));
    await deleteCustomer(db, org.owner, c.id);
    expect(await pendingFor(org.orgId, c.id)).toHaveLength(0);
  });
});
