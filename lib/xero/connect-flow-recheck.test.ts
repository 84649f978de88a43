import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { memberships, xeroAuthRequests, xeroConnections } from "@/db/schema";
import { changeMemberRole, removeMember } from "@/lib/tenancy/members";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { addMember, makeOrg } from "@/test/factories";
import { connectThroughSandbox, sandboxForFile, tokenEndpointCalls } from "@/test/xero-app-sandbox";
import { completeXeroConnect, startXeroConnect } from "./connect-flow";

const sandbox = sandboxForFile();
const newTenant = (name: string) => sandbox().control.addOrganisation({ name: `${name} ${Math.random().toString(36).slice(2, 7)}` }).tenantId;

/** The first half of Connect (the user is sent to Xero and consents); the callback URL is kept for later. */
async function consentAndKeepCallback(db: Db, ctx: OrgContext, tenantId: string): Promise<string> {
  const authorizeUrl = await startXeroConnect(db, ctx);
  const res = await fetch(`${authorizeUrl}&sandbox_auto_consent=${tenantId}`, { redirect: "manual" });
  return res.headers.get("location")!;
}

const connectionOf = async (db: Db, orgId: string) => (await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId)))[0];

describe("the OAuth callback re-checks, at its end, that the user may still manage Xero", () => {
  it("a member demoted after starting Connect cannot finish it: expired, no token exchange, the connection unchanged", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const books = newTenant("Acme Books");
    await connectThroughSandbox(db, owner, books);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    const callback = await consentAndKeepCallback(db, admin, newTenant("Other Books"));
    // Demoted behind the app's back (not through members.ts), so only the callback's own check stands.
    await db.update(memberships).set({ role: "finance" }).where(eq(memberships.userId, admin.user.id));
    const exchangesBefore = tokenEndpointCalls(sandbox());

    const outcome = await completeXeroConnect(db, admin.user.id, callback);

    expect(outcome).toMatchObject({ kind: "error", reason: "expired", message: expect.stringMatching(/expired or did not start here/) });
    expect(tokenEndpointCalls(sandbox())).toBe(exchangesBefore);
    expect(await connectionOf(db, owner.org.id)).toMatchObject({ xeroTenantId: books, status: "connected", connectedBy: owner.user.id });
  });

  it("a member removed after starting Connect cannot finish it, even on a disconnected organisation", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    const callback = await consentAndKeepCallback(db, admin, newTenant("Chosen Books"));
    await db.delete(memberships).where(eq(memberships.userId, admin.user.id));

    expect(await completeXeroConnect(db, admin.user.id, callback)).toMatchObject({ kind: "error", reason: "expired" });
    expect(await connectionOf(db, owner.org.id)).toBeUndefined();
  });

  it("changing a member's role or removing them drops their pending Xero sign-ins for that organisation only", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const other = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    await db.insert(memberships).values({ orgId: other.org.id, userId: admin.user.id, role: "admin" });
    const elsewhere = { ...other, user: admin.user };
    await startXeroConnect(db, admin);
    await startXeroConnect(db, elsewhere);
    const pending = async (orgId: string) => (await db.select().from(xeroAuthRequests).where(eq(xeroAuthRequests.userId, admin.user.id))).filter((r) => r.orgId === orgId).length;

    await changeMemberRole(db, owner, admin.user.id, "finance");
    expect(await pending(owner.org.id)).toBe(0);
    expect(await pending(other.org.id)).toBe(1);

    await changeMemberRole(db, owner, admin.user.id, "admin");
    await startXeroConnect(db, admin);
    await removeMember(db, owner, admin.user.id);
    expect(await pending(owner.org.id)).toBe(0);
    expect(await pending(other.org.id)).toBe(1);
  });

  it("through members.ts: demoted between consent and callback, the callback answers expired and nothing changes", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    const callback = await consentAndKeepCallback(db, admin, newTenant("Sneaky Books"));
    await changeMemberRole(db, owner, admin.user.id, "sales");
    expect(await completeXeroConnect(db, admin.user.id, callback)).toMatchObject({ kind: "error", reason: "expired" });
    expect(await connectionOf(db, owner.org.id)).toBeUndefined();
  });

  it("demoted while the callback runs (after the code exchange): the consent's new connection is removed at Xero, the organisation's own kept", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const books = newTenant("Held Books");
    await connectThroughSandbox(db, owner, books);
    const held = (await connectionOf(db, owner.org.id)).xeroConnectionId;
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    const authorizeUrl = await startXeroConnect(db, admin);
    const res = await fetch(`${authorizeUrl}&sandbox_auto_consent=${books}&sandbox_user=the-admin`, { redirect: "manual" });
    // The role changes while the callback asks Xero which organisations the consent covered.
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      if (String(input).includes("/connections")) await changeMemberRole(db, owner, admin.user.id, "sales");
      return realFetch(input, init);
    };
    try {
      expect(await completeXeroConnect(db, admin.user.id, res.headers.get("location")!)).toMatchObject({ kind: "error", reason: "expired" });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(sandbox().sandbox.identity.connections.filter((c) => c.tenantId === books).map((c) => c.id)).toEqual([held]);
    expect(await connectionOf(db, owner.org.id)).toMatchObject({ status: "connected", xeroConnectionId: held, connectedBy: owner.user.id });
  });

  it("a member who still manages Xero completes the callback as before", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    const tenant = newTenant("Fine Books");
    const callback = await consentAndKeepCallback(db, admin, tenant);
    expect(await completeXeroConnect(db, admin.user.id, callback)).toMatchObject({ kind: "connected", orgId: owner.org.id });
    expect(await connectionOf(db, owner.org.id)).toMatchObject({ xeroTenantId: tenant, connectedBy: admin.user.id });
  });
});
