import { afterAll, describe, expect, it } from "vitest";
import { ALL_SCOPES, connect, REDIRECT_URI, xeroFor } from "@/xero-sandbox/test/helpers";
import { DEFAULT_APP, DEMO_TENANTS, startXeroSandbox, type RunningSandbox } from "@/xero-sandbox";
import { createXeroNodeClient, sandboxEndpoints } from "./create-xero-node-client";
import { toXeroError } from "./xero-error";

const started: RunningSandbox[] = [];
afterAll(async () => {
  for (const s of started) await s.close().catch(() => undefined);
});

describe("a xero-node client talks to its own Xero", () => {
  // Tests share a worker process (isolate: false), and a job can outlive its test: a client made for
  // another Xero later must not redirect this one's hard-coded identity and connections calls.
  it("keeps its connections and token calls on its own server after a client for another server is made", async () => {
    const first = await startXeroSandbox({ seed: "demo" });
    started.push(first);
    const xero = xeroFor(first);
    await connect(first, xero);

    const other = await startXeroSandbox({ seed: "demo" });
    started.push(other);
    xeroFor(other);
    await other.close();

    const tenants = await xero.updateTenants(false);
    expect(tenants.length).toBeGreaterThan(0);
    const refreshed = await xero.refreshWithRefreshToken("ledgerbridge-sandbox", "sandbox-secret", xero.readTokenSet().refresh_token!);
    expect(refreshed.access_token).toBeTruthy();
  });

  it("gives up on a hung Xero after its own timeout, on accounting calls and on its connections call", async () => {
    const slow = await startXeroSandbox({ seed: "demo" });
    started.push(slow);
    const config = { clientId: DEFAULT_APP.clientId, clientSecret: DEFAULT_APP.clientSecret!, redirectUri: REDIRECT_URI, scopes: ALL_SCOPES, state: "state-123", endpoints: sandboxEndpoints(slow.url) };
    const quick = createXeroNodeClient({ ...config, timeoutMs: 300 });
    await connect(slow, quick);
    // A later client with a long timeout must not lengthen this one's.
    createXeroNodeClient({ ...config, timeoutMs: 60_000 });
    slow.control.setFaults({ latencyMs: 1500 });

    const accounting = await quick.accountingApi.getCurrencies(DEMO_TENANTS.us).catch((e: unknown) => e);
    expect(toXeroError(accounting).code).toBe("timeout");
    const connections = await quick.updateTenants(false).catch((e: unknown) => e);
    expect(toXeroError(connections).code).toBe("timeout");
  });
});
