import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroCallStats, xeroConnections, xeroRequestLog } from "@/db/schema";
import { createLogger } from "@/lib/log/logger";
import { countUnread, listNotifications } from "@/lib/notifications/notify";
import { makeOrg } from "@/test/factories";
import { addSandboxTenant, connectThroughSandbox, startSandboxForApp, tokenEndpointCalls } from "@/test/xero-app-sandbox";
import { DEFAULT_APP, type RunningSandbox } from "@/xero-sandbox";
import { callXero } from "./call-xero";
import { openTokens } from "./connection-store";
import { getXeroClient, XeroNotConnectedError } from "./get-xero-client";
import { XeroError } from "./xero-error";

let sandbox: RunningSandbox;
const logLines: string[] = [];

beforeAll(async () => {
  sandbox = await startSandboxForApp();
  // Capture every log line this file produces, to check none carries a token.
  const sink = new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) });
  const logger = createLogger(sink);
  logger.level = "debug";
  (globalThis as unknown as { __ledgerbridgeLogger: unknown }).__ledgerbridgeLogger = logger;
});
afterAll(() => sandbox.close());

async function connectedOrg(tenant: string = addSandboxTenant(sandbox)) {
  const db = getDb();
  const ctx = await makeOrg(db);
  await connectThroughSandbox(db, ctx, tenant);
  return ctx;
}

/** Makes the stored access token look about to expire, so the next use must refresh. */
async function ageToken(orgId: string) {
  await getDb().update(xeroConnections).set({ accessTokenExpiresAt: new Date(Date.now() + 60_000) }).where(eq(xeroConnections.orgId, orgId));
}

describe("getXeroClient: one locked refresh, never a silent death", () => {
  it("20 concurrent jobs on one token set at expiry make exactly one refresh and all succeed", async () => {
    const db = getDb();
    const ctx = await connectedOrg();
    await ageToken(ctx.org.id);
    const before = tokenEndpointCalls(sandbox);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        getXeroClient(db, ctx.org.id).then(async ({ xero, tenantId }) => (await xero.accountingApi.getCurrencies(tenantId)).response.status),
      ),
    );
    expect(results).toEqual(Array(20).fill(200));
    expect(tokenEndpointCalls(sandbox) - before).toBe(1);
    const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
  });

  it("recovers through Xero's grace when the refresh answer is lost after the token rotated", async () => {
    const db = getDb();
    const ctx = await connectedOrg();
    await ageToken(ctx.org.id);
    const [before] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    sandbox.control.setFaults({ dropTokenAnswer: 1 });
    const { xero, tenantId } = await getXeroClient(db, ctx.org.id);
    expect((await xero.accountingApi.getCurrencies(tenantId)).response.status).toBe(200);
    const [after] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(openTokens(after).refreshToken).not.toBe(openTokens(before).refreshToken);
    expect(after.status).toBe("connected");
  });

  it("marks the connection needs_reauth on invalid_grant, tells owners once, and pauses instead of retrying", async () => {
    const db = getDb();
    const ctx = await connectedOrg();
    await ageToken(ctx.org.id);
    sandbox.control.revokeApp(DEFAULT_APP.clientId);
    const error = await getXeroClient(db, ctx.org.id).catch((e) => e);
    expect(error).toBeInstanceOf(XeroError);
    expect(error.code).toBe("invalid_grant");
    const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(row.status).toBe("needs_reauth");
    const [note] = await listNotifications(db, ctx.user.id, ctx.org.id);
    expect(note).toMatchObject({ kind: "xero.needs_reauth", link: `/o/${ctx.org.slug}/settings/integrations` });
    await expect(getXeroClient(db, ctx.org.id)).rejects.toBeInstanceOf(XeroNotConnectedError);
    expect(await countUnread(db, ctx.user.id, ctx.org.id)).toBe(1);
  });

  it("callXero counts calls and bytes per day, and a 403 marks the connection disconnected", async () => {
    const db = getDb();
    const uk = addSandboxTenant(sandbox, "UK Test");
    const ctx = await connectedOrg(uk);
    await callXero(db, ctx.org.id, { method: "GET", path: "/Currencies" }, (xero, tenantId) => xero.accountingApi.getCurrencies(tenantId));
    const [stats] = await db.select().from(xeroCallStats).where(eq(xeroCallStats.orgId, ctx.org.id));
    expect(stats.calls).toBe(1);
    expect(stats.bytesReceived).toBeGreaterThan(50);
    // The request log keeps Xero's correlation id for the call, the reference Xero support asks for.
    const [logged] = await db.select().from(xeroRequestLog).where(eq(xeroRequestLog.orgId, ctx.org.id));
    const sent = sandbox.control.requests({ pathPrefix: "/api.xro/2.0/Currencies" }).at(-1);
    expect(logged.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged.correlationId).toBe(sent?.correlationId);
    sandbox.control.disconnectTenant(uk);
    const error = await callXero(db, ctx.org.id, { method: "GET", path: "/Contacts" }, (xero, tenantId) => xero.accountingApi.getContacts(tenantId)).catch((e) => e);
    expect(error).toMatchObject({ code: "forbidden", status: 403 });
    const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(row.status).toBe("disconnected");
    const [after] = await db.select().from(xeroCallStats).where(eq(xeroCallStats.orgId, ctx.org.id));
    expect(after).toMatchObject({ calls: 2, errors: 1 });
  });

  it("no log line carries a token", async () => {
    const db = getDb();
    const rows = await db.select().from(xeroConnections);
    const secrets = rows.filter((r) => r.refreshTokenCipher).flatMap((r) => Object.values(openTokens(r)));
    expect(logLines.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(logLines.join("\n")).not.toContain(secret);
  });
});
