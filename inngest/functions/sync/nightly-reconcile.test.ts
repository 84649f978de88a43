import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroConnections } from "@/db/schema";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { nightlyReconcile } from "./schedule-sync";

const sandboxOf = sandboxForFile();

describe("the nightly reconcile", () => {
  it("asks /connections first, ten organisations a step, then queues the reconcile; the app removed inside Xero is disconnected, the rest stand", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const orgs = [];
    for (let i = 0; i < 12; i++) orgs.push(await connectedSyncOrg(db, sandbox));
    const removed = orgs[11];
    sandbox.control.disconnectTenant(removed.tenantId);
    // The reconcile step itself is not run here (twelve full pulls): the check is what is proven.
    const { result, ctx } = await new InngestTestEngine({ function: nightlyReconcile, steps: [{ id: "reconcile-each", handler: () => "sent" }] }).execute();
    // Other files' organisations share this database: the counts include them.
    const { organisations, broken } = result as { organisations: number; broken: number };
    expect(organisations).toBeGreaterThanOrEqual(12);
    expect(broken).toBeGreaterThanOrEqual(1);
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map(([id]) => id);
    expect(stepIds.filter((id) => id.startsWith("check-connections-"))).toEqual(Array.from({ length: Math.ceil(organisations / 10) }, (_, i) => `check-connections-${i}`));
    // The check ran before the reconcile, which came last.
    expect(stepIds.at(-1)).toBe("reconcile-each");
    const statuses = new Map((await db.select({ orgId: xeroConnections.orgId, status: xeroConnections.status }).from(xeroConnections)).map((c) => [c.orgId, c.status]));
    expect(statuses.get(removed.orgId)).toBe("disconnected");
    expect(orgs.slice(0, 11).every((o) => statuses.get(o.orgId) === "connected")).toBe(true);
  });
});
