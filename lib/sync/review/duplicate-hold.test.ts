import { and, desc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncItems, syncReviews } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { mergeCustomers } from "@/lib/crm/merge-customers";
import { seedDemoCrm } from "@/scripts/seed/demo-crm";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { pushCustomerBatch } from "../contacts/push-contacts";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { DUPLICATE_REVIEW } from "./hold-duplicates";
import { resolveReview } from "./resolve-review";

const sandboxOf = sandboxForFile();

async function pushCustomers(orgId: string) {
  for (let i = 0; i < 20; i++) if ((await pushCustomerBatch(getDb(), orgId, "push")).kind === "idle") return;
  throw new Error("the outbox did not drain");
}

/** The demo's CRM (with its "Globex Corporation" / "Globex Corp" pair) connected to Xero books of its own: the first import, then the first push. */
async function connectedDemo() {
  const db = getDb();
  const sandbox = sandboxOf();
  const sync = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  const actor = actorFromContext(sync.ctx);
  await db.transaction((tx) => seedDemoCrm(tx, actor, actor));
  await pullResources(db, sync.orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
  await pushCustomers(sync.orgId);
  const globex = await db.select().from(customers).where(and(eq(customers.orgId, sync.orgId), like(customers.name, "Globex%"))).orderBy(desc(customers.name));
  const inXero = (prefix: string) => [...sandbox.sandbox.org(sync.tenantId)!.contacts.values()].filter((c) => c.Name.startsWith(prefix) && c.ContactStatus === "ACTIVE");
  const openReviews = () => db.select().from(syncReviews).where(and(eq(syncReviews.orgId, sync.orgId), eq(syncReviews.status, "open")));
  return { db, sandbox, actor, ...sync, globex, inXero, openReviews };
}

describe("likely duplicates wait in Sync -> Review before their first push", () => {
  it("connecting the demo sends every customer but the Globex pair, which waits in one review naming both", async () => {
    const { db, orgId, globex, inXero, openReviews } = await connectedDemo();
    expect(globex.map((c) => c.name)).toEqual(["Globex Corporation", "Globex Corp"]);
    expect(inXero("Globex")).toEqual([]);
    expect(inXero("Northwind")).toHaveLength(1);
    const reviews = await openReviews();
    expect(reviews).toHaveLength(1);
    expect(reviews[0].candidateKind).toBe(DUPLICATE_REVIEW);
    expect(reviews[0].candidates.sort((a, b) => b.name.localeCompare(a.name))).toEqual(globex.map((c) => ({ id: c.id, name: c.name, email: c.email })));
    expect(reviews[0].reason).toMatch(/Merge them, or say they differ/);
    const held = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.lastErrorCode, "awaiting_review")));
    expect(held.map((r) => r.entityId).sort()).toEqual(globex.map((c) => c.id).sort());
    // Another push asks nothing new.
    await pushCustomers(orgId);
    expect(await openReviews()).toHaveLength(1);
  });

  it("'they differ' lets both go, once each, and is not asked again; another organisation cannot decide it; pressed three times at once it applies once", async () => {
    const { db, sandbox, orgId, ctx, globex, inXero, openReviews } = await connectedDemo();
    const [review] = await openReviews();
    const stranger = await connectedSyncOrg(db, sandbox);
    await expect(resolveReview(db, stranger.orgId, stranger.ctx.user.id, review.id, { action: "skip" })).rejects.toMatchObject({ code: "not_found" });
    await expect(resolveReview(db, orgId, ctx.user.id, review.id, { action: "link", targetId: globex[0].id })).rejects.toMatchObject({ code: "conflict" });
    const results = await Promise.allSettled([1, 2, 3].map(() => resolveReview(db, orgId, ctx.user.id, review.id, { action: "skip" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await pushCustomers(orgId);
    expect(inXero("Globex").map((c) => c.Name).sort()).toEqual(["Globex Corp", "Globex Corporation"]);
    for (const c of globex) expect(inXero("Globex").filter((x) => x.ContactNumber === c.id)).toHaveLength(1);
    expect(await openReviews()).toEqual([]);
  });

  it("'merge them' (the merge screen) leaves one customer and one Xero contact, and closes the review", async () => {
    const { db, orgId, actor, globex, inXero, openReviews } = await connectedDemo();
    const [review] = await openReviews();
    await mergeCustomers(db, actor, { survivorId: globex[0].id, mergedIds: [globex[1].id], pick: {} });
    await pushCustomers(orgId);
    expect(inXero("Globex").map((c) => [c.Name, c.ContactNumber])).toEqual([["Globex Corporation", globex[0].id]]);
    const [closed] = await db.select().from(syncReviews).where(eq(syncReviews.id, review.id));
    expect(closed.status).toBe("linked");
  });

  it("a customer added later as a duplicate of one already in Xero waits too", async () => {
    const { db, orgId, ctx, inXero, openReviews } = await connectedDemo();
    const { createCustomer } = await import("@/lib/crm/customers");
    const { customerInput } = await import("@/lib/crm/schemas");
    const { parseInput } = await import("@/lib/validation");
    const late = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Northwind Traders Ltd", email: "other@northwind.test" }));
    await pushCustomers(orgId);
    expect(inXero("Northwind")).toHaveLength(1);
    expect((await openReviews()).some((r) => r.candidateKind === DUPLICATE_REVIEW && r.candidates.some((c) => c.id === late.id))).toBe(true);
  });
});
