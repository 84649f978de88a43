import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroAuthRequests, xeroConnections } from "@/db/schema";
import { countUnread } from "@/lib/notifications/notify";
import { makeOrg } from "@/test/factories";
import { addSandboxTenant, connectThroughSandbox, startSandboxForApp } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { chooseXeroTenant, completeXeroConnect, pendingChoice, startXeroConnect } from "./connect-flow";
import { openTokens } from "./connection-store";
import { disconnectXero } from "./disconnect-xero";
import { missingScopes } from "./scopes";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandboxForApp();
});
afterAll(() => sandbox.close());

describe("connecting Xero (OAuth with state and PKCE, against the sandbox)", () => {
  it("connects the one organisation consented, with every required scope and sealed tokens", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const uk = sandbox.control.addOrganisation({ name: `UK Books ${ctx.org.slug}`, country: "GB" });
    const outcome = await connectThroughSandbox(db, ctx, uk.tenantId);
    expect(outcome).toEqual({ kind: "connected", orgId: ctx.org.id, tenantName: uk.name });
    const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(row).toMatchObject({ status: "connected", xeroTenantId: uk.tenantId, connectedBy: ctx.user.id });
    expect(missingScopes(row.grantedScopes)).toEqual([]);
    const { accessToken, refreshToken } = openTokens(row);
    // A dump of the table holds no token text.
    const dump = JSON.stringify(await db.execute(sql`select * from xero_connections`));
    expect(dump).not.toContain(accessToken.split(".")[1]);
    expect(dump).not.toContain(refreshToken);
    expect(await db.select().from(xeroAuthRequests).where(eq(xeroAuthRequests.orgId, ctx.org.id))).toEqual([]);
  });

  it("asks which organisation when the consent covered several, and connects the chosen one", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const us = sandbox.control.addOrganisation({ name: `A US Books ${ctx.org.slug}` });
    const uk = sandbox.control.addOrganisation({ name: `B UK Books ${ctx.org.slug}`, country: "GB" });
    const outcome = await connectThroughSandbox(db, ctx, `${us.tenantId},${uk.tenantId}`);
    expect(outcome.kind).toBe("choose");
    const state = (outcome as { state: string }).state;
    const choices = await pendingChoice(db, ctx, state);
    expect(choices!.map((c) => c.tenantName).sort()).toEqual([us.name, uk.name]);
    // Another organisation's member cannot pick up this pending choice.
    const stranger = await makeOrg(db);
    expect(await pendingChoice(db, stranger, state)).toBeNull();
    await expect(chooseXeroTenant(db, stranger, { state, tenantId: us.tenantId, confirmChange: false })).rejects.toThrow(/expired/);
    expect(await chooseXeroTenant(db, ctx, { state, tenantId: us.tenantId, confirmChange: false })).toBe(us.name);
    const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(row.xeroTenantId).toBe(us.tenantId);
  });

  it("asks for confirmation before replacing the connected organisation with another", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const us = sandbox.control.addOrganisation({ name: "Old Books" });
    const uk = sandbox.control.addOrganisation({ name: "New Books", country: "GB" });
    await connectThroughSandbox(db, ctx, us.tenantId);
    const outcome = await connectThroughSandbox(db, ctx, uk.tenantId);
    expect(outcome.kind).toBe("choose");
    const state = (outcome as { state: string }).state;
    await expect(chooseXeroTenant(db, ctx, { state, tenantId: uk.tenantId, confirmChange: false })).rejects.toThrow(/replaces Old Books with New Books/);
    const [still] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(still.xeroTenantId).toBe(us.tenantId);
    await chooseXeroTenant(db, ctx, { state, tenantId: uk.tenantId, confirmChange: true });
    const [after] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(after.xeroTenantId).toBe(uk.tenantId);
  });

  it("turns Cancel at Xero and a forged state into readable messages", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const url = new URL(await startXeroConnect(db, ctx));
    const state = url.searchParams.get("state")!;
    const cancelled = await completeXeroConnect(db, ctx.user.id, `http://localhost:3000/api/xero/callback?error=access_denied&state=${state}`);
    expect(cancelled).toMatchObject({ kind: "error", orgId: ctx.org.id, message: expect.stringMatching(/cancelled the connection/) });
    const forged = await completeXeroConnect(db, ctx.user.id, "http://localhost:3000/api/xero/callback?code=abc&state=forged");
    expect(forged).toMatchObject({ kind: "error", orgId: null, message: expect.stringMatching(/expired or did not start here/) });
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  });

  it("disconnects: removed at Xero, tokens forgotten, the row kept", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const tenantId = addSandboxTenant(sandbox);
    await connectThroughSandbox(db, ctx, tenantId);
    const before = sandbox.control.summary().find((o) => o.tenantId === tenantId)!.connectedApps.length;
    expect(before).toBeGreaterThan(0);
    expect(await disconnectXero(db, ctx)).toEqual({ revokedAtXero: true });
    const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(row).toMatchObject({ status: "disconnected", accessTokenCipher: null, refreshTokenCipher: null });
    expect(await countUnread(db, ctx.user.id, ctx.org.id)).toBe(0);
  });
});
