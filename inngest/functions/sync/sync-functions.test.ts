import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncCursors, xeroContacts } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { ALL_RESOURCES, pullResources } from "@/lib/sync/pull/pull-resources";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { runLocally } from "../../local-driver";
import { localServeHandler } from "../../local-handler";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

/** The functions as Inngest would run them: through the serve handler, step by step, each sleep recorded (and slept: the rows wait that long). */
const sleeps: number[] = [];
const run = (fnId: string, name: string, data: Record<string, unknown>) =>
  runLocally(localServeHandler(), fnId, { name, data }, { sleep: (ms) => (sleeps.push(ms), new Promise((r) => setTimeout(r, ms))) });

describe("sync functions through the serve handler", () => {
  it("the first import runs page by page and then pushes what waited; a 429 in a push is slept as Retry-After", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const before = sandbox.sandbox.org(tenantId)!.contacts.size;
    const waited = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Fresh From The CRM", email: "fresh@crm.test" }));
    const pulled = await run("ledgerbridge-sync-pull-xero", "sync/pull.requested", { orgId, mode: "initial", trigger: "initial" });
    expect(pulled.status).toBe("completed");
    expect((pulled.output as { counts: Record<string, number> }).counts.contacts).toBe(before);
    const cursors = await db.select().from(syncCursors).where(eq(syncCursors.orgId, orgId));
    expect(cursors.every((c) => c.initialDoneAt)).toBe(true);
    // The import ends by starting a push: the customer that waited for the match reaches Xero.
    await expect.poll(async () => (await db.select().from(customers).where(eq(customers.id, waited.id)))[0].xeroContactId, { timeout: 10_000 }).toBeTruthy();

    const later = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Pushed Through A Limit", email: "limit@crm.test" }));
    sandbox.control.setFaults({ force429: { count: 1, problem: "minute" } });
    sleeps.length = 0;
    const pushed = await run("ledgerbridge-sync-push-outbox", "sync/push.requested", { orgId, trigger: "push" });
    expect(pushed).toMatchObject({ status: "completed", output: { status: "done" } });
    expect(sleeps).toContain(2000);
    const [linked] = await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, later.id)));
    expect(linked.xeroContactId).toBeTruthy();
  });

  it("a paused connection ends the push run without losing anything", async () => {
    const db = getDb();
    const { ctx, orgId } = await connectedSyncOrg(db, sandbox);
    await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Waits For Reauth" }));
    const { xeroConnections } = await import("@/db/schema");
    await db.update(xeroConnections).set({ status: "needs_reauth" }).where(eq(xeroConnections.orgId, orgId));
    const pushed = await run("ledgerbridge-sync-push-outbox", "sync/push.requested", { orgId, trigger: "push" });
    expect(pushed).toMatchObject({ status: "completed", output: { status: "paused" } });
  });

  it("re-authorising the same books catches up (an incremental pull and a push) instead of importing everything again", async () => {
    const db = getDb();
    const { orgId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const first = await run("ledgerbridge-sync-on-connection-ready", "xero/connection.ready", { orgId });
    expect(first).toMatchObject({ status: "completed", output: { imported: false } });
    await expect.poll(async () => (await db.select().from(syncCursors).where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts"))))[0]?.initialDoneAt ?? null, { timeout: 15_000 }).not.toBeNull();
    const again = await run("ledgerbridge-sync-on-connection-ready", "xero/connection.ready", { orgId });
    expect(again).toMatchObject({ status: "completed", output: { imported: true } });
  });

  it("a resync walks from its own date even when a pull meanwhile moved the cursor on", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "empty" });
    const books = sandbox.sandbox.org(tenantId)!;
    const old = crypto.randomUUID();
    books.contacts.put({ ContactID: old, ContactStatus: "ACTIVE", Name: "Changed In March", Addresses: [], Phones: [], UpdatedDateUTC: Date.UTC(2026, 2, 1) });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    // The mirror lost the row (what a resync repairs), and the cursor stands past it.
    await db.delete(xeroContacts).where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, old)));
    const { prepareResync } = await import("@/lib/sync/resync");
    const prepared = await prepareResync(db, orgId, { sync_types: ["contacts"], since: "2026-02-01T00:00:00Z" });
    // A pull that was running finishes after the resync rewound the cursor: it moves it on again.
    books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Changed Today", Addresses: [], Phones: [], UpdatedDateUTC: Date.now() });
    await db.update(syncCursors).set({ lastUpdatedAt: new Date() }).where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts")));
    const pulled = await run("ledgerbridge-sync-pull-xero", "sync/pull.requested", { orgId, mode: "incremental", resources: prepared.resources, since: prepared.since, sinceByResource: prepared.walkFrom, trigger: "resync" });
    expect(pulled.status).toBe("completed");
    expect(await db.$count(xeroContacts, and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, old)))).toBe(1);
  });
});
