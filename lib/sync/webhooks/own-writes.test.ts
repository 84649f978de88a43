import { and, eq, isNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/[resource]/[id]/route";
import { getDb } from "@/db";
import { customers, syncItems, xeroWebhookEvents } from "@/db/schema";
import { createApiKey } from "@/lib/api/api-keys";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { webhookReceiverForFile } from "@/test/webhook-receiver";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { ownEchoes, rememberOwnWrites } from "./own-writes";

/**
 * The whole loop as it runs in the embedded default: the tenant API's PATCH nudges a push (the local
 * driver runs it through the serve handler), the sandbox answers and echoes the write back as a
 * webhook to our route, whose job fetches what the events name. The sandbox's request log counts it.
 */
const sandboxOf = sandboxForFile();
webhookReceiverForFile(sandboxOf);
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

const contactCalls = (tenantId: string) => {
  const calls = sandbox.control.requests({ tenantId, pathPrefix: "/api.xro/2.0/Contacts" });
  return { post: calls.filter((c) => c.method === "POST").length, get: calls.filter((c) => c.method === "GET").length };
};

/** Until the outbox and the webhook events are settled and the sandbox has seen no call for a while. */
async function settled(orgId: string, tenantId: string) {
  const db = getDb();
  let last = -1;
  let quietSince = Date.now();
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    await sandbox.control.flushWebhooks();
    const pending = await db.$count(syncItems, and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
    const unprocessed = await db.$count(xeroWebhookEvents, and(eq(xeroWebhookEvents.orgId, orgId), isNull(xeroWebhookEvents.processedAt)));
    const seen = sandbox.control.requests({ tenantId }).length;
    if (seen !== last) [last, quietSince] = [seen, Date.now()];
    if (!pending && !unprocessed && Date.now() - quietSince > 1500) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the sync did not settle: ${JSON.stringify({ pending: await db.$count(syncItems, and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending"))) })}`);
}

describe("our own writes are not paid for twice", () => {
  it("30 unchanged PATCHes of a customer cost no Xero call; a real change costs its one POST and no GET for its echo", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    // The contact push waits for the first import (matching comes first).
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const key = (await createApiKey(db, { orgId, name: "integration", scope: "write", canSeeAmounts: true, createdBy: ctx.user.id })).key;
    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Stark Studio", email: "ap@stark.test" }));
    const patch = (body: unknown) =>
      PATCH(new Request(`http://localhost/api/v1/customers/${customer.id}`, { method: "PATCH", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), {
        params: Promise.resolve({ resource: "customers", id: customer.id }),
      });
    const delta = (from: { post: number; get: number }) => {
      const now = contactCalls(tenantId);
      return { post: now.post - from.post, get: now.get - from.get };
    };
    // The first save reaches Xero (and links the customer); its echo is the first thing to recognise.
    const imported = contactCalls(tenantId);
    expect((await patch({ name: "Stark Studio" })).status).toBe(200);
    await settled(orgId, tenantId);
    const [linked] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(linked.xeroContactId).toBeTruthy();
    const first = delta(imported);

    const beforeNoOps = contactCalls(tenantId);
    for (let i = 0; i < 30; i++) expect((await patch({ name: "Stark Studio" })).status).toBe(200);
    await settled(orgId, tenantId);
    const noOps = delta(beforeNoOps);

    const beforeChange = contactCalls(tenantId);
    expect((await patch({ phone: "+1 415 555 0101" })).status).toBe(200);
    await settled(orgId, tenantId);
    const change = delta(beforeChange);
    console.info(`Xero contact calls: first save ${JSON.stringify(first)}, 30 unchanged PATCHes ${JSON.stringify(noOps)}, one real change ${JSON.stringify(change)}`);
    expect({ first, noOps, change }).toEqual({ first: { post: 1, get: 0 }, noOps: { post: 0, get: 0 }, change: { post: 1, get: 0 } });
    // The echo was received and closed, not lost.
    const events = await db.select().from(xeroWebhookEvents).where(and(eq(xeroWebhookEvents.orgId, orgId), eq(xeroWebhookEvents.resourceId, linked.xeroContactId!)));
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((e) => e.processedAt)).toBe(true);
  }, 120_000);

  it("an echo that overtakes our write's answer (a slow network) is still ours: it waits for the answer and costs no GET", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Slow Lane Ltd", email: "ap@slowlane.test" }));
    const { requestPush } = await import("@/inngest/sync-events");
    // Each write's answer is held 1.5 s; the sandbox delivers its echo after 250 ms, so the echo is
    // received and its processing starts while the push still waits for the answer.
    sandbox.control.setFaults({ slowAnswerAfterWriteMs: 1500 });
    const before = contactCalls(tenantId);
    await requestPush(orgId);
    await settled(orgId, tenantId);
    const [linked] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(linked.xeroContactId).toBeTruthy();
    const now = contactCalls(tenantId);
    expect({ post: now.post - before.post, get: now.get - before.get }).toEqual({ post: 1, get: 0 });
    const events = await db.select().from(xeroWebhookEvents).where(and(eq(xeroWebhookEvents.orgId, orgId), eq(xeroWebhookEvents.resourceId, linked.xeroContactId!)));
    expect(events.length).toBe(1);
    expect(events[0].processedAt).toBeTruthy();
  }, 120_000);

  it("a change typed into Xero after our write (past the echo window) is still fetched", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    // The contact push waits for the first import (matching comes first).
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Wayne Works", email: "ap@wayne.test" }));
    const { requestPush } = await import("@/inngest/sync-events");
    await requestPush(orgId);
    await settled(orgId, tenantId);
    const [linked] = await db.select().from(customers).where(eq(customers.id, customer.id));
    sandbox.control.editContact(tenantId, linked.xeroContactId!, { phone: "+1 212 555 0199" });
    await settled(orgId, tenantId);
    const [after] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(after.phone).toBe("+1 212 555 0199");
  }, 120_000);
});

describe("ownEchoes", () => {
  const event = (at: Date, id: string, resourceId: string, ms: number, category = "INVOICE") => ({ id, category, resourceId, eventDate: new Date(at.getTime() + ms) });
  const newOrg = async () => {
    const { makeOrg } = await import("@/test/factories");
    return (await makeOrg(getDb())).org.id;
  };

  it("an event dated at our write (or just after, or before it) is ours; a later one, another record's or another category's is not", async () => {
    const db = getDb();
    const orgId = await newOrg();
    const at = new Date("2026-05-01T10:00:00.123Z");
    await rememberOwnWrites(db, orgId, "INVOICE", [
      { xeroId: "INV-1", updatedAt: at },
      { xeroId: "INV-2", updatedAt: undefined },
      { xeroId: "INV-3", updatedAt: at },
      { xeroId: "INV-4", updatedAt: at },
    ]);
    // One write is echoed once: each of these writes has one event dated at, just after or before it.
    const echoes = await ownEchoes(db, orgId, [event(at, "same", "inv-1", 0), event(at, "just-after", "INV-3", 400), event(at, "before", "INV-4", -60_000), event(at, "later", "INV-1", 5_000), event(at, "no-stamp", "INV-2", 0), event(at, "contact", "INV-1", 0, "CONTACT")]);
    expect([...echoes].sort()).toEqual(["before", "just-after", "same"]);
  });

  it("a write absorbs one event: the first within the window is our echo, the accountant's change 200 ms later is not, in one call or the next", async () => {
    const db = getDb();
    const orgId = await newOrg();
    const at = new Date("2026-05-01T10:00:00.123Z");
    await rememberOwnWrites(db, orgId, "INVOICE", [{ xeroId: "INV-1", updatedAt: at }, { xeroId: "INV-2", updatedAt: at }]);
    // Both in one delivery (listed in either order).
    expect([...(await ownEchoes(db, orgId, [event(at, "change-1", "INV-1", 200), event(at, "echo-1", "INV-1", 3)]))]).toEqual(["echo-1"]);
    // One after the other.
    expect([...(await ownEchoes(db, orgId, [event(at, "echo-2", "INV-2", 3)]))]).toEqual(["echo-2"]);
    expect([...(await ownEchoes(db, orgId, [event(at, "change-2", "INV-2", 200)]))]).toEqual([]);
  });

  it("the absorption is kept: a restart before the echo was closed finds the same echo, and two workers at once absorb one event between them", async () => {
    const db = getDb();
    const orgId = await newOrg();
    const at = new Date("2026-05-01T10:00:00.123Z");
    await rememberOwnWrites(db, orgId, "CONTACT", [{ xeroId: "C-1", updatedAt: at }, { xeroId: "C-2", updatedAt: at }]);
    const echo = event(at, "echo", "C-1", 3, "CONTACT");
    const change = event(at, "change", "C-1", 200, "CONTACT");
    expect([...(await ownEchoes(db, orgId, [echo]))]).toEqual(["echo"]);
    // The worker died before marking the echo done: the next run sees both events, and still only the echo is ours.
    expect([...(await ownEchoes(db, orgId, [echo, change]))]).toEqual(["echo"]);

    // Two workers, each holding a different event of C-2 that could be its echo.
    const [a, b] = await Promise.all([ownEchoes(db, orgId, [event(at, "seen-by-a", "C-2", 3, "CONTACT")]), ownEchoes(db, orgId, [event(at, "seen-by-b", "C-2", 200, "CONTACT")])]);
    const absorbed = [...a, ...b];
    expect(absorbed).toHaveLength(1);
    expect([...(await ownEchoes(db, orgId, [event(at, "seen-by-a", "C-2", 3, "CONTACT"), event(at, "seen-by-b", "C-2", 200, "CONTACT")]))]).toEqual(absorbed);
  });

  it("a new write of the record opens a new absorption; the same answer remembered again (a replayed Idempotency-Key) does not", async () => {
    const db = getDb();
    const orgId = await newOrg();
    const at = new Date("2026-05-01T10:00:00.123Z");
    await rememberOwnWrites(db, orgId, "INVOICE", [{ xeroId: "INV-1", updatedAt: at }]);
    expect([...(await ownEchoes(db, orgId, [event(at, "echo-1", "INV-1", 3)]))]).toEqual(["echo-1"]);
    await rememberOwnWrites(db, orgId, "INVOICE", [{ xeroId: "INV-1", updatedAt: at.toISOString() }]);
    expect([...(await ownEchoes(db, orgId, [event(at, "change", "INV-1", 200)]))]).toEqual([]);

    const next = new Date(at.getTime() + 10_000);
    await rememberOwnWrites(db, orgId, "INVOICE", [{ xeroId: "INV-1", updatedAt: next }]);
    expect([...(await ownEchoes(db, orgId, [event(next, "echo-2", "INV-1", 3), event(next, "change-2", "INV-1", 200)]))]).toEqual(["echo-2"]);
    // An older answer arriving late (a stalled worker) is not a new write.
    await rememberOwnWrites(db, orgId, "INVOICE", [{ xeroId: "INV-1", updatedAt: at }]);
    expect([...(await ownEchoes(db, orgId, [event(next, "change-3", "INV-1", 300)]))]).toEqual([]);
  });

  it("two writes in a row before either echo is read: the first echo predates the second write and is closed; the second write's one absorption is spent on it, so the second echo is fetched", async () => {
    const db = getDb();
    const orgId = await newOrg();
    const first = new Date("2026-05-01T10:00:00.123Z");
    const second = new Date(first.getTime() + 300);
    await rememberOwnWrites(db, orgId, "CONTACT", [{ xeroId: "C-1", updatedAt: first }]);
    await rememberOwnWrites(db, orgId, "CONTACT", [{ xeroId: "C-1", updatedAt: second }]);
    // Safe, at the cost of one read: an event dated before the write cannot be told from the echo itself.
    expect([...(await ownEchoes(db, orgId, [event(first, "echo-1", "C-1", 3, "CONTACT"), event(second, "echo-2", "C-1", 3, "CONTACT")]))]).toEqual(["echo-1"]);
  });
});
