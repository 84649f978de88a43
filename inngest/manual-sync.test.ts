import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { ALL_RESOURCES, pullResources } from "@/lib/sync/pull/pull-resources";
import { syncNow } from "./manual-sync";
import { requestPull } from "./sync-events";

/**
 * Security review M2 as it was measured: 20 concurrent "Sync now" were 20 full incremental pulls.
 * Here the requests go through the embedded driver (the real serve handler, the real SDK) to the
 * sandbox, and the sandbox's request log counts what Xero was asked.
 */
const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

const reads = (tenantId: string) => sandbox.control.requests({ tenantId }).filter((r) => r.method === "GET" && r.path.startsWith("/api.xro/")).length;

/** Until the sandbox has seen no call for a while (the runs are in the background). */
async function quiet(tenantId: string, ms = 2500) {
  let last = -1;
  let since = Date.now();
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const seen = sandbox.control.requests({ tenantId }).length;
    if (seen !== last) [last, since] = [seen, Date.now()];
    else if (Date.now() - since > ms) return;
  }
  throw new Error("the sandbox never went quiet");
}

async function imported() {
  const db = getDb();
  const org = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  await pullResources(db, org.orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
  return org;
}

describe("Sync now coalesces and cools down", () => {
  it("20 concurrent pull requests for one organisation are one pull", async () => {
    const { orgId, tenantId } = await imported();
    let before = reads(tenantId);
    await requestPull({ orgId, mode: "incremental", trigger: "manual" });
    await quiet(tenantId);
    const onePull = reads(tenantId) - before;
    expect(onePull).toBeGreaterThan(0);

    before = reads(tenantId);
    await Promise.all(Array.from({ length: 20 }, () => requestPull({ orgId, mode: "incremental", trigger: "manual" })));
    await quiet(tenantId);
    const burst = reads(tenantId) - before;
    console.info(`Xero reads: one pull ${onePull}, 20 concurrent pull requests ${burst}`);
    expect(burst).toBe(onePull);
  }, 120_000);

  it("20 concurrent presses of Sync now: one runs, the others say when they can run again, and Xero sees one pull", async () => {
    const { orgId, tenantId } = await imported();
    const before = reads(tenantId);
    const answers = await Promise.allSettled(Array.from({ length: 20 }, () => syncNow(getDb(), orgId)));
    await quiet(tenantId);
    const started = answers.filter((a) => a.status === "fulfilled");
    expect(started).toHaveLength(1);
    expect((started[0] as PromiseFulfilledResult<string>).value).toBe("Sync started. The figures below update as it runs.");
    for (const refused of answers.filter((a) => a.status === "rejected")) {
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Sync requested \d+ s ago; you can ask again in \d+ s\.$/) });
    }
    const calls = reads(tenantId) - before;
    console.info(`Xero reads for 20 concurrent Sync now: ${calls}`);
    expect(calls).toBeLessThanOrEqual(ALL_RESOURCES.length + 2);
  }, 120_000);
});
