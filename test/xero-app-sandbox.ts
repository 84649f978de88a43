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

/** The whole connect round trip as a browser would make it, consenting to `tenants` without the page. */
export async function connectThroughSandbox(db: Db, ctx: OrgContext, tenants: string) {
  const authorizeUrl = await startXeroConnect(db, ctx);
  const res = await fetch(`${authorizeUrl}&sandbox_auto_consent=${tenants}`, { redirect: "manual" });
  return completeXeroConnect(db, ctx.user.id, res.headers.get("location")!);
}
