import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncItems, xeroContacts } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { getEnv } from "@/lib/env";
import { parseInput } from "@/lib/validation";
import { chooseXeroTenant } from "@/lib/xero/connect-flow";
import { holdXeroAnswer } from "@/test/hold-xero-answer";
import { addSandboxTenant, connectedSyncOrg, connectThroughSandbox, sandboxForFile } from "@/test/xero-app-sandbox";
import { drainOutbox } from "./drain-outbox";
import { forXeroTenant } from "@/lib/xero/tenant-fence";
import { pushCustomerBatch } from "./contacts/push-contacts";
import { ALL_RESOURCES, pullResourcePage, pullResources } from "./pull/pull-resources";

const sandboxOf = sandboxForFile();

describe("switching Xero organisation is fenced", () => {
  it("a push that was out when the organisation switched writes none of the old books' answer here, and the customer goes to the new books", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId: oldBooks } = await connectedSyncOrg(db, sandbox, { seed: "empty" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Fenced Co", email: "fenced@example.test" }));

    const hold = holdXeroAnswer({ method: "POST", path: /\/Contacts$/ });
    const pushing = drainOutbox(db, orgId, "push").catch((e: unknown) => e);
    await hold.held;
    // Meanwhile an owner switches to other books (a different Xero organisation, confirmed).
    const newBooks = addSandboxTenant(sandbox, "New Books");
    const outcome = await connectThroughSandbox(db, ctx, newBooks);
    expect(outcome.kind).toBe("choose");
    await chooseXeroTenant(db, ctx, { state: (outcome as { state: string }).state, tenantId: newBooks, confirmChange: true });
    hold.release();
    // The drain stops and says why; the work resumes after the new books' first import.
    expect(await pushing).toMatchObject({ kind: "paused", reason: expect.stringContaining("switched") });

    // The old books got the contact; nothing of it is linked or mirrored here.
    expect([...sandbox.sandbox.org(oldBooks)!.contacts.values()].filter((c) => c.ContactNumber === customer.id)).toHaveLength(1);
    const [after] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(after.xeroContactId).toBeNull();
    expect(await db.$count(xeroContacts, eq(xeroContacts.orgId, orgId))).toBe(0);
    const rows = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, customer.id)));
    expect(rows.find((r) => r.lastErrorCode === "xero_organisation_switched")?.status).toBe("skipped");

    // The new books get it after their first import.
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    await drainOutbox(db, orgId, "push");
    expect([...sandbox.sandbox.org(newBooks)!.contacts.values()].filter((c) => c.ContactNumber === customer.id)).toHaveLength(1);
    const [linked] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(sandbox.sandbox.org(newBooks)!.contacts.get(linked.xeroContactId!)).toBeTruthy();
  });
});

describe("the new books get the catalogue", () => {
  it("a product already sent to the old books gets its item in the new ones after the switch, linked to it", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId: oldBooks } = await connectedSyncOrg(db, sandbox, { seed: "empty" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const { createProduct } = await import("@/lib/crm/products");
    const { productInput } = await import("@/lib/crm/schemas");
    const product = await createProduct(db, actorFromContext(ctx), parseInput(productInput, { code: "SWITCH-1", name: "Moves books", unitPrice: "9.00" }));
    await drainOutbox(db, orgId, "push");
    expect(sandbox.sandbox.org(oldBooks)!.itemByCode("SWITCH-1")).toBeTruthy();

    const newBooks = addSandboxTenant(sandbox, "Catalogue Books");
    const outcome = await connectThroughSandbox(db, ctx, newBooks);
    await chooseXeroTenant(db, ctx, { state: (outcome as { state: string }).state, tenantId: newBooks, confirmChange: true });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    await drainOutbox(db, orgId, "push");
    const item = sandbox.sandbox.org(newBooks)!.itemByCode("SWITCH-1");
    expect(item).toBeTruthy();
    const { products } = await import("@/db/schema");
    const [linked] = await db.select().from(products).where(eq(products.id, product.id));
    expect(linked.xeroItemId).toBe(item!.ItemID);
  });
});

describe("work prepared for the old books is not sent to the new ones", () => {
  it("a pull walk that began on the old books stops at its next page: the new books get no request and nothing is written", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId: oldBooks } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const first = await pullResourcePage(db, orgId, "contacts", { page: 1, since: null, walkFrom: null, initial: true, trigger: "initial" });
    expect(first.received).toBeGreaterThan(0);
    const newBooks = addSandboxTenant(sandbox, "Walk Switch", "demo");
    const outcome = await connectThroughSandbox(db, ctx, newBooks);
    await chooseXeroTenant(db, ctx, { state: (outcome as { state: string }).state, tenantId: newBooks, confirmChange: true });

    // The step after (as the job would run it, with the walk's books carried in its state).
    const before = sandbox.control.requests({ tenantId: newBooks }).length;
    await expect(pullResourcePage(db, orgId, "contacts", { page: 2, since: null, walkFrom: null, initial: true, trigger: "initial", xeroTenantId: oldBooks })).rejects.toMatchObject({ name: "XeroOrganisationSwitchedError" });
    expect(sandbox.control.requests({ tenantId: newBooks }).length).toBe(before);
    expect(await db.$count(xeroContacts, eq(xeroContacts.orgId, orgId))).toBe(0);
  });

  it("a push batch built for the old books sends nothing to the new ones, and its rows go back to the queue uncounted", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId: oldBooks } = await connectedSyncOrg(db, sandbox, { seed: "empty" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const newBooks = addSandboxTenant(sandbox, "Push Switch");
    const outcome = await connectThroughSandbox(db, ctx, newBooks);
    await chooseXeroTenant(db, ctx, { state: (outcome as { state: string }).state, tenantId: newBooks, confirmChange: true });
    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Late Co", email: "late@example.test" }));

    const before = sandbox.control.requests({ tenantId: newBooks }).length;
    const pushed = await forXeroTenant(oldBooks, () => pushCustomerBatch(db, orgId, "manual"));
    expect(pushed).toMatchObject({ kind: "paused" });
    expect(sandbox.control.requests({ tenantId: newBooks }).length).toBe(before);
    const rows = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, customer.id)));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["pending", 0]]);
  });
});

// The race needs two database sessions at once (a held table lock): the embedded PGlite has one.
describe.skipIf(getEnv().database.driver === "pglite")("a page of the old books that arrives while the switch commits (PostgreSQL: two sessions)", () => {
  it("is written nowhere: the answer passed the tenant check, then the switch committed, then the page would have been applied", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const customersBefore = await db.$count(customers, eq(customers.orgId, orgId));

    // The contacts page is answered and passes callXero's tenant check; recording the call then waits on a lock the test holds.
    const hold = holdXeroAnswer({ method: "GET", path: /\/Contacts$/ });
    const pulling = pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" }).catch((e: unknown) => e);
    await hold.held;
    let unlock!: () => void;
    const locked = new Promise<void>((r) => (unlock = r));
    let holding!: () => void;
    const lockHeld = new Promise<void>((r) => (holding = r));
    const lockTx = db.transaction(async (tx) => {
      await tx.execute(sql`lock table xero_call_stats in share row exclusive mode`);
      holding();
      await locked;
    });
    await lockHeld;
    hold.release();
    for (let i = 0; ; i++) {
      const { rows } = await db.execute<{ waiting: number }>(sql`select count(*)::int as waiting from pg_locks where not granted and relation = 'xero_call_stats'::regclass`);
      if (rows[0].waiting > 0) break;
      if (i > 200) throw new Error("the pull never reached the call record");
      await new Promise((r) => setTimeout(r, 10));
    }

    // The switch commits while the old books' page is on its way to the mirror.
    const newBooks = addSandboxTenant(sandbox, "Switched Books");
    const outcome = await connectThroughSandbox(db, ctx, newBooks);
    await chooseXeroTenant(db, ctx, { state: (outcome as { state: string }).state, tenantId: newBooks, confirmChange: true });
    unlock();
    await lockTx;

    expect(await pulling).toMatchObject({ name: "XeroOrganisationSwitchedError" });
    expect(await db.$count(xeroContacts, eq(xeroContacts.orgId, orgId))).toBe(0);
    expect(await db.$count(customers, eq(customers.orgId, orgId))).toBe(customersBefore);
  });
});
