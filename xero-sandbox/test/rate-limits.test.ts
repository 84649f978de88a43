import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { XeroClient } from "xero-node";
import { createXeroNodeClient, sandboxEndpoints } from "@/lib/xero/create-xero-node-client";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { ALL_SCOPES, apiError, connect, failure, REDIRECT_URI, startConnected } from "./helpers";

let sandbox: RunningSandbox;
let first: XeroClient;
let second: XeroClient;
const US = DEMO_TENANTS.us;
const UK = DEMO_TENANTS.uk;

// Two apps connected to the same two organisations: Xero counts each app's calls on its own.
beforeAll(async () => {
  ({ sandbox, xero: first } = await startConnected());
  sandbox.control.registerApp({ clientId: "second-app", clientSecret: "second-secret", name: "Second App" });
  second = createXeroNodeClient({ clientId: "second-app", clientSecret: "second-secret", redirectUri: REDIRECT_URI, scopes: ALL_SCOPES, state: "state-2", endpoints: sandboxEndpoints(sandbox.url), timeoutMs: 5000 });
  await connect(sandbox, second);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.setLimits({ concurrent: 5, perMinute: 60, perDay: 5000, appPerMinute: 10_000 });
});

describe("rate limits are counted per app and organisation, as Xero's are", () => {
  it("one app spending an organisation's minute limit leaves another app's calls on it untouched", async () => {
    sandbox.control.setLimits({ perMinute: 2 });
    await first.accountingApi.getCurrencies(US);
    await first.accountingApi.getCurrencies(US);
    const limited = await failure(first.accountingApi.getCurrencies(US));
    expect(limited).toMatchObject({ status: 429, headers: { "x-rate-limit-problem": "minute" } });
    const other = await second.accountingApi.getCurrencies(US);
    expect(other.response.headers["x-minlimit-remaining"]).toBe("1");
  });

  it("the day limit is per app and organisation too", async () => {
    sandbox.control.setLimits({ perDay: 1 });
    await first.accountingApi.getCurrencies(UK);
    expect(await failure(first.accountingApi.getCurrencies(UK))).toMatchObject({ status: 429, headers: { "x-rate-limit-problem": "day", "x-daylimit-remaining": "0" } });
    const other = await second.accountingApi.getCurrencies(UK);
    expect(other.response.headers["x-daylimit-remaining"]).toBe("0");
    // The first app's other organisation has its own day.
    expect((await first.accountingApi.getCurrencies(US)).response.status).toBe(200);
  });

  it("the app-wide minute limit counts one app across its organisations, never another app's calls", async () => {
    sandbox.control.setLimits({ appPerMinute: 2 });
    await first.accountingApi.getCurrencies(US);
    const second2 = await first.accountingApi.getCurrencies(UK);
    expect(second2.response.headers["x-appminlimit-remaining"]).toBe("0");
    expect(await failure(first.accountingApi.getCurrencies(UK))).toMatchObject({ status: 429, headers: { "x-rate-limit-problem": "appminute" } });
    const other = await second.accountingApi.getCurrencies(US);
    expect(other.response.headers["x-appminlimit-remaining"]).toBe("1");
  });

  it("calls in flight are held per app: five from each app on one organisation all get through", async () => {
    sandbox.control.setFaults({ latencyMs: 150 });
    const status = (client: XeroClient) => client.accountingApi.getCurrencies(US).then(() => 200, (e) => apiError(e).status);
    const results = await Promise.all([...Array.from({ length: 5 }, () => status(first)), ...Array.from({ length: 5 }, () => status(second))]);
    expect(results).toEqual(Array(10).fill(200));
    const over = await Promise.all(Array.from({ length: 6 }, () => status(second)));
    expect(over.filter((s) => s === 429)).toHaveLength(1);
  });
});
