import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Db } from "@/db";
import { getEnv, overrideEnvForTests } from "@/lib/env";
import { completeXeroConnect, startXeroConnect } from "@/lib/xero/connect-flow";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { startXeroSandbox, type RunningSandbox } from "@/xero-sandbox";

/** Starts a sandbox Xero on a free port and points this test process's app configuration at it. */
export async function startSandboxForApp(): Promise<RunningSandbox> {
  const sandbox = await startXeroSandbox({ seed: "demo" });
  const { xero } = getEnv();
  overrideEnvForTests({ xero: { kind: "sandbox", url: sandbox.url, clientId: xero.clientId, clientSecret: xero.clientSecret, startSandbox: null } });
  return sandbox;
}

export const tokenEndpointCalls = (sandbox: RunningSandbox) => sandbox.control.requests({ pathPrefix: "/connect/token" }).length;

/**
 * The whole connect round trip as a browser would make it, consenting to `tenants` without the page,
 * as the sandbox's one Xero user unless `xeroUserId` names another.
 */
export async function connectThroughSandbox(db: Db, ctx: OrgContext, tenants: string, xeroUserId?: string) {
  const authorizeUrl = await startXeroConnect(db, ctx);
  const asUser = xeroUserId ? `&sandbox_user=${encodeURIComponent(xeroUserId)}` : "";
  const res = await fetch(`${authorizeUrl}&sandbox_auto_consent=${tenants}${asUser}`, { redirect: "manual" });
  return completeXeroConnect(db, ctx.user.id, res.headers.get("location")!);
}

/**
 * A Xero organisation of its own for one test: one live organisation of ours per Xero organisation
 * is the rule, and test files share one database, so tests never connect the fixed demo tenants.
 */
export function addSandboxTenant(sandbox: RunningSandbox, name = "Sandbox Test", seed: "demo" | "empty" = "empty"): string {
  return sandbox.control.addOrganisation({ name: `${name} ${Math.random().toString(36).slice(2, 8)}`, seed }).tenantId;
}

/**
 * An organisation of ours connected to a Xero organisation of its own in the sandbox (so tests never
 * share a Xero contact namespace or a rate limit), with the app's and the sandbox's limits lifted
 * unless a test sets them.
 */
export async function connectedSyncOrg(db: Db, sandbox: RunningSandbox, options: { seed?: "demo" | "empty"; country?: "US" | "GB" } = {}) {
  const { makeOrg } = await import("./factories");
  const tenant = sandbox.control.addOrganisation({ name: `Sync Test ${Math.random().toString(36).slice(2, 8)}`, seed: options.seed ?? "empty", country: options.country ?? "US" });
  const ctx = await makeOrg(db);
  await connectThroughSandbox(db, ctx, tenant.tenantId);
  return { ctx, orgId: ctx.org.id, tenantId: tenant.tenantId };
}

/** Xero's limits lifted on both sides (the app's Postgres limiter and the sandbox's), for tests that are not about limits. */
export function liftXeroLimits(sandbox: RunningSandbox) {
  overrideEnvForTests({ xeroLimits: { concurrent: 5, perMinute: 100_000, perDay: 1_000_000 } });
  sandbox.control.setLimits({ perMinute: 100_000, perDay: 1_000_000, concurrent: 5 });
}

/**
 * A test file's sandbox, started once for the file, with faults cleared and limits lifted before each
 * test. Returns a getter (the sandbox exists only once the file's hooks ran).
 */
export function sandboxForFile(): () => RunningSandbox {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandboxForApp();
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => {
    sandbox!.control.clearFaults();
    liftXeroLimits(sandbox!);
  });
  return () => sandbox!;
}
