import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroConnections } from "@/db/schema";
import { openTokens } from "@/lib/xero/connection-store";
import { makeOrg } from "@/test/factories";
import { addSandboxTenant, connectThroughSandbox, startSandboxForApp, tokenEndpointCalls } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { refreshXeroConnections } from "./refresh-xero-connections";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandboxForApp();
});
afterAll(() => sandbox.close());

describe("refresh-xero-connections (daily, so no refresh token idles to death)", () => {
  it("refreshes connections whose refresh token is older than a day, and only those", async () => {
    const db = getDb();
    const stale = await makeOrg(db);
    const fresh = await makeOrg(db);
    await connectThroughSandbox(db, stale, addSandboxTenant(sandbox));
    await connectThroughSandbox(db, fresh, addSandboxTenant(sandbox));
    await db.update(xeroConnections).set({ refreshTokenIssuedAt: new Date(Date.now() - 2 * 86_400_000) }).where(eq(xeroConnections.orgId, stale.org.id));
    const [before] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, stale.org.id));
    const freshBefore = openTokens((await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, fresh.org.id)))[0]).refreshToken;
    const calls = tokenEndpointCalls(sandbox);

    const { result } = await new InngestTestEngine({ function: refreshXeroConnections }).execute();

    expect((result as { outcomes: Record<string, string> }).outcomes[stale.org.id]).toBe("refreshed");
    expect((result as { outcomes: Record<string, string> }).outcomes[fresh.org.id]).toBeUndefined();
    expect(tokenEndpointCalls(sandbox) - calls).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, stale.org.id));
    expect(openTokens(after).refreshToken).not.toBe(openTokens(before).refreshToken);
    expect(after.refreshTokenIssuedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const freshAfter = openTokens((await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, fresh.org.id)))[0]).refreshToken;
    expect(freshAfter).toBe(freshBefore);
  });
});
