import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncItems, syncReviews } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { drainOutbox } from "../drain-outbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { resolveReview } from "./resolve-review";

const sandboxOf = sandboxForFile();

async function drain(orgId: string) {
  for (let i = 0; i < 20 && (await drainOutbox(getDb(), orgId, "manual")).kind !== "done"; i++);
}

/** A demo books organisation with two Xero contacts sharing an email, and a customer with that email: ambiguous. */
async function ambiguous() {
  const db = getDb();
  const sandbox = sandboxOf();
  const sync = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  const books = sandbox.sandbox.org(sync.tenantId)!;
  const one = books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Pair One", EmailAddress: "pair@example.test", Addresses: [], Phones: [{ PhoneType: "DEFAULT", PhoneNumber: "555 1111" }], UpdatedDateUTC: Date.now() });
  const two = books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Pair Two", EmailAddress: "pair@example.test", Addresses: [], Phones: [], UpdatedDateUTC: Date.now() });
  const customer = await createCustomer(db, actorFromContext(sync.ctx), parseInput(customerInput, { name: "Pair Holdings", email: "pair@example.test" }));
  await pullResources(db, sync.orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
  const reviews = await db.select().from(syncReviews).where(and(eq(syncReviews.orgId, sync.orgId), eq(syncReviews.status, "open")));
  return { db, sandbox, ...sync, one, two, customer, reviews };
}

describe("review queue", () => {
  it("an ambiguous customer is held back (not pushed) until a person links it; the link merges and the push resumes", async () => {
    const { db, sandbox, orgId, tenantId, one, customer, reviews } = await ambiguous();
    expect(reviews).toHaveLength(2);
    await drain(orgId);
    const [held] = await db.select().from(syncItems).where(and(eq(syncItems.entityId, customer.id), eq(syncItems.lastErrorCode, "awaiting_review")));
    expect(held.status).toBe("skipped");
    expect([...sandbox.sandbox.org(tenantId)!.contacts.values()].filter((c) => c.ContactNumber === customer.id)).toHaveLength(0);

    const review = reviews.find((r) => r.xeroContactId === one.ContactID)!;
    await resolveReview(db, orgId, customer.ownerId!, review.id, { action: "link", targetId: customer.id });
    const [linked] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(linked).toMatchObject({ xeroContactId: one.ContactID, phone: "555 1111" });
    // The other review names the same customer, now taken: it is still open, and pushing waits for it.
    await expect(resolveReview(db, orgId, customer.ownerId!, review.id, { action: "skip" })).rejects.toMatchObject({ code: "conflict" });
    const other = reviews.find((r) => r.id !== review.id)!;
    await resolveReview(db, orgId, customer.ownerId!, other.id, { action: "create" });
    await drain(orgId);
    // The customer's details went to the contact it was linked to, not to a new one.
    expect(sandbox.sandbox.org(tenantId)!.contacts.get(one.ContactID)!.ContactNumber).toBe(customer.id);
    expect([...sandbox.sandbox.org(tenantId)!.contacts.values()].filter((c) => c.ContactNumber === customer.id)).toHaveLength(1);
    const imported = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.name, "Pair Two")));
    expect(imported).toHaveLength(1);
  });

  it("a link must name one of the candidates; another organisation's review is not found", async () => {
    const { db, orgId, customer, reviews } = await ambiguous();
    await expect(resolveReview(db, orgId, customer.ownerId!, reviews[0].id, { action: "link", targetId: crypto.randomUUID() })).rejects.toMatchObject({ fields: [{ field: "targetId" }] });
    const stranger = await connectedSyncOrg(db, sandboxOf());
    await expect(resolveReview(db, stranger.orgId, customer.ownerId!, reviews[0].id, { action: "skip" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("decisions apply once: three people pressing Create on one review at once make one customer", async () => {
    const { db, orgId, customer, reviews, two } = await ambiguous();
    const review = reviews.find((r) => r.xeroContactId === two.ContactID)!;
    const results = await Promise.allSettled([1, 2, 3].map(() => resolveReview(db, orgId, customer.ownerId!, review.id, { action: "create" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    const made = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.xeroContactId, two.ContactID)));
    expect(made).toHaveLength(1);
  });
});
