import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncCursors } from "@/db/schema";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { logSync } from "../sync-log";
import { duePulls, idleCallsPerDay } from "./polling-plan";
import { ALL_RESOURCES, PAGED_RESOURCES, pullResources } from "./pull-resources";

const sandboxOf = sandboxForFile();
const minutes = (n: number) => n * 60_000;

describe("the safety-net pull is sized to Xero's daily budget", () => {
  it("an idle organisation pulls its lists every two hours, settings every six, items daily; all of it when never pulled", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const dueFor = async (at: Date) => (await duePulls(db, at)).find((d) => d.orgId === orgId)?.resources ?? [];
    expect((await dueFor(new Date())).sort()).toEqual([...ALL_RESOURCES].sort());

    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const t0 = new Date();
    expect(await dueFor(t0)).toEqual([]);
    expect(await dueFor(new Date(t0.getTime() + minutes(30)))).toEqual([]);
    expect((await dueFor(new Date(t0.getTime() + minutes(120)))).sort()).toEqual([...PAGED_RESOURCES].sort());
    expect((await dueFor(new Date(t0.getTime() + minutes(360)))).sort()).toEqual(["accounts", "contacts", "credit_notes", "currencies", "invoices", "organisation", "overpayments", "payments", "prepayments", "tax_rates"]);
    expect((await dueFor(new Date(t0.getTime() + minutes(24 * 60)))).sort()).toEqual([...ALL_RESOURCES].sort());

    // What one idle pull of the lists costs: one call each.
    const before = sandbox.control.requests({ tenantId }).length;
    await pullResources(db, orgId, PAGED_RESOURCES, { mode: "incremental", trigger: "schedule" });
    expect(sandbox.control.requests({ tenantId }).length - before).toBe(PAGED_RESOURCES.length);
  });

  it("when a scheduled pull lately found a change no webhook brought, the lists are polled every five minutes again", async () => {
    const db = getDb();
    const { orgId } = await connectedSyncOrg(db, sandboxOf(), { seed: "empty" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const soon = () => new Date(Date.now() + minutes(5));
    expect((await duePulls(db, soon())).find((d) => d.orgId === orgId)).toBeUndefined();
    await logSync(db, [{ orgId, recordType: "invoice", xeroId: "x", direction: "pull", operation: "update", result: "ok", message: "INV-1 AUTHORISED -> PAID", trigger: "schedule" }]);
    expect((await duePulls(db, soon())).find((d) => d.orgId === orgId)?.resources.sort()).toEqual([...PAGED_RESOURCES].sort());
    // A first import still running is not started twice.
    await db.update(syncCursors).set({ lastPullAt: null, runningSince: new Date() }).where(eq(syncCursors.orgId, orgId));
    expect((await duePulls(db, new Date())).find((d) => d.orgId === orgId)).toBeUndefined();
  });

  it("an idle day: 12 list pulls of 6 calls, 4 settings pulls of 4, one items call and the nightly reconcile's 11 make 100 calls", () => {
    expect(idleCallsPerDay({ paged: 6, reference: 4, items: 1, reconcile: 11 })).toBe(12 * 6 + 4 * 4 + 1 + 11);
  });
});
