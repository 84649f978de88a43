import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncCursors, syncLog } from "@/db/schema";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { duePulls, idleCallsPerDay } from "./polling-plan";
import { ALL_RESOURCES, PAGED_RESOURCES, pullResources, STALLED_WALK_MS } from "./pull-resources";

const sandboxOf = sandboxForFile();
const minutes = (n: number) => n * 60_000;
const LISTS = ["contacts", "credit_notes", "invoices", "payments"];

describe("the safety-net pull is sized to Xero's daily budget", () => {
  it("an idle organisation pulls its lists every two hours, settings and cash credits every six, items daily; all of it when never pulled", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const dueFor = async (at: Date) => (await duePulls(db, at)).find((d) => d.orgId === orgId)?.resources ?? [];
    expect((await dueFor(new Date())).sort()).toEqual([...ALL_RESOURCES].sort());

    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const t0 = new Date();
    expect(await dueFor(t0)).toEqual([]);
    expect(await dueFor(new Date(t0.getTime() + minutes(30)))).toEqual([]);
    expect((await dueFor(new Date(t0.getTime() + minutes(120)))).sort()).toEqual(LISTS);
    expect((await dueFor(new Date(t0.getTime() + minutes(360)))).sort()).toEqual([...LISTS, "accounts", "currencies", "organisation", "overpayments", "prepayments", "tax_rates"].sort());
    expect((await dueFor(new Date(t0.getTime() + minutes(24 * 60)))).sort()).toEqual([...ALL_RESOURCES].sort());

    // What one idle pull of the lists costs: one call each.
    const before = sandbox.control.requests({ tenantId }).length;
    await pullResources(db, orgId, PAGED_RESOURCES, { mode: "incremental", trigger: "schedule" });
    expect(sandbox.control.requests({ tenantId }).length - before).toBe(PAGED_RESOURCES.length);
  });

  it("a change older than the grace that only a scheduled pull brought puts the lists on five minutes; a young one or one the webhooks applied does not", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "empty" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const soon = () => new Date(Date.now() + minutes(5));
    const books = sandbox.sandbox.org(tenantId)!;
    // Typed into Xero a minute ago: its webhook may still be on its way.
    books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Young Change", Addresses: [], Phones: [], UpdatedDateUTC: Date.now() - minutes(1) });
    // Resync-like: the cursor moved back, so the scheduled pull reads it again.
    await db.update(syncCursors).set({ lastUpdatedAt: new Date(Date.now() - minutes(60)) }).where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts")));
    await pullResources(db, orgId, ["contacts"], { mode: "incremental", trigger: "schedule" });
    expect((await duePulls(db, soon())).find((d) => d.orgId === orgId)).toBeUndefined();
    // Changed 20 minutes ago and never delivered: the webhooks look stale.
    books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Missed Change", Addresses: [], Phones: [], UpdatedDateUTC: Date.now() - minutes(20) });
    await db.update(syncCursors).set({ lastUpdatedAt: new Date(Date.now() - minutes(60)) }).where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts")));
    await pullResources(db, orgId, ["contacts"], { mode: "incremental", trigger: "schedule" });
    const [gap] = await db.select().from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.recordType, "webhooks")));
    expect(gap.message).toMatch(/^1 contacts changed in Xero reached us only by polling/);
    expect((await duePulls(db, soon())).find((d) => d.orgId === orgId)?.resources.sort()).toEqual(LISTS);
  });

  it("a walk whose worker died is started again once it stalls; a live one is not started twice", async () => {
    const db = getDb();
    const { orgId } = await connectedSyncOrg(db, sandboxOf(), { seed: "empty" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    await db.update(syncCursors).set({ lastPullAt: null, runningSince: new Date() }).where(eq(syncCursors.orgId, orgId));
    expect((await duePulls(db, new Date())).find((d) => d.orgId === orgId)).toBeUndefined();
    await db.update(syncCursors).set({ runningSince: new Date(Date.now() - STALLED_WALK_MS - 1000) }).where(eq(syncCursors.orgId, orgId));
    expect((await duePulls(db, new Date())).find((d) => d.orgId === orgId)?.resources.sort()).toEqual([...ALL_RESOURCES].sort());
  });

  it("an idle day: 12 list pulls of 4 calls, 4 cash-credit pulls of 2, 4 settings pulls of 4, one items call and the nightly reconcile's 11 make 84 calls", () => {
    expect(idleCallsPerDay({ paged: 4, cashCredits: 2, reference: 4, items: 1, reconcile: 11 })).toBe(12 * 4 + 4 * 2 + 4 * 4 + 1 + 11 + 1);
  });
});
