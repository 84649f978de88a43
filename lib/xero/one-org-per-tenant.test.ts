import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { xeroConnections } from "@/db/schema";
import { recordWebhookEvents } from "@/lib/sync/webhooks/record-events";
import { makeOrg } from "@/test/factories";
import { connectThroughSandbox, sandboxForFile } from "@/test/xero-app-sandbox";
import { callXero } from "./call-xero";
import { chooseXeroTenant } from "./connect-flow";
import { markConnectionBroken } from "./connection-store";
import { disconnectXero } from "./disconnect-xero";

const sandbox = sandboxForFile();
const newTenant = (name: string) => sandbox().control.addOrganisation({ name: `${name} ${Math.random().toString(36).slice(2, 7)}` }).tenantId;
const connectionOf = async (db: Db, orgId: string) => (await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId)))[0];
const TAKEN = /^This Xero organisation is already connected to another Ledgerbridge organisation\./;
const orgCall = (db: Db, orgId: string) => callXero(db, orgId, { method: "GET", path: "/Organisation" }, (x, t) => x.accountingApi.getOrganisations(t));

describe("one active Ledgerbridge organisation per Xero organisation", () => {
  it("refuses a second organisation on the same Xero organisation, naming no one; the first keeps its connection and its webhooks", async () => {
    const db = getDb();
    const acme = await makeOrg(db);
    const evil = await makeOrg(db);
    const books = newTenant("Shared Books");
    await connectThroughSandbox(db, acme, books);
    const acmeBefore = await connectionOf(db, acme.org.id);

    const outcome = await connectThroughSandbox(db, evil, books);

    expect(outcome).toMatchObject({ kind: "error", orgId: evil.org.id, reason: "tenant_taken", message: expect.stringMatching(TAKEN) });
    expect((outcome as { message: string }).message).not.toContain(acme.org.name);
    expect(await connectionOf(db, evil.org.id)).toBeUndefined();
    expect(await connectionOf(db, acme.org.id)).toMatchObject({ status: "connected", xeroTenantId: books, refreshTokenCipher: acmeBefore.refreshTokenCipher });
    expect((await orgCall(db, acme.org.id)).response.status).toBe(200);
    // A webhook for that Xero organisation reaches the one organisation connected to it.
    const event = { resourceId: crypto.randomUUID(), eventDateUtc: new Date().toISOString(), eventType: "UPDATE", eventCategory: "CONTACT", tenantId: books };
    expect(await recordWebhookEvents(db, { events: [event] })).toEqual([acme.org.id]);
  });

  it("a refused consent by another Xero user is removed at Xero; one by the holder's own Xero user is its connection, and stays", async () => {
    const db = getDb();
    const acme = await makeOrg(db);
    const evil = await makeOrg(db);
    const other = await makeOrg(db);
    const books = newTenant("Guarded Books");
    await connectThroughSandbox(db, acme, books);
    const atXero = () => sandbox().sandbox.identity.connections.filter((c) => c.tenantId === books);
    const held = (await connectionOf(db, acme.org.id)).xeroConnectionId;

    expect(await connectThroughSandbox(db, evil, books, "someone-else")).toMatchObject({ reason: "tenant_taken" });
    expect(atXero().map((c) => c.id)).toEqual([held]);

    // The same Xero user consenting again gets the very connection acme uses: deleting it would cut acme off.
    expect(await connectThroughSandbox(db, other, books)).toMatchObject({ reason: "tenant_taken" });
    expect(atXero().map((c) => c.id)).toEqual([held]);
    expect((await orgCall(db, acme.org.id)).response.status).toBe(200);
  });

  it("the choose step refuses an organisation taken elsewhere and accepts a free one", async () => {
    const db = getDb();
    const acme = await makeOrg(db);
    const other = await makeOrg(db);
    const taken = newTenant("Taken Books");
    const free = newTenant("Free Books");
    await connectThroughSandbox(db, acme, taken);
    const outcome = await connectThroughSandbox(db, other, `${taken},${free}`);
    expect(outcome.kind).toBe("choose");
    const state = (outcome as { state: string }).state;
    await expect(chooseXeroTenant(db, other, { state, tenantId: taken, confirmChange: false })).rejects.toThrow(TAKEN);
    expect(await connectionOf(db, other.org.id)).toBeUndefined();
    await chooseXeroTenant(db, other, { state, tenantId: free, confirmChange: false });
    expect(await connectionOf(db, other.org.id)).toMatchObject({ xeroTenantId: free, status: "connected" });
  });

  it("frees the Xero organisation once its organisation disconnects; re-authorising one's own stays allowed", async () => {
    const db = getDb();
    const first = await makeOrg(db);
    const second = await makeOrg(db);
    const books = newTenant("Moving Books");
    await connectThroughSandbox(db, first, books);
    expect(await connectThroughSandbox(db, first, books)).toMatchObject({ kind: "connected" });
    await disconnectXero(db, first);
    expect(await connectThroughSandbox(db, second, books)).toMatchObject({ kind: "connected", orgId: second.org.id });
    expect(await connectThroughSandbox(db, first, books)).toMatchObject({ kind: "error", reason: "tenant_taken" });
  });

  it("a connection waiting for re-authorisation holds no Xero organisation: the real owner connects, and the old one re-authorising after is told it is taken", async () => {
    const db = getDb();
    const throwaway = await makeOrg(db);
    const owner = await makeOrg(db);
    const books = newTenant("Client Books");
    // An ex-bookkeeper connected the client's books to an organisation of their own; the client then
    // removed the app in Xero, and the next refresh met invalid_grant (what getXeroClient does then).
    await connectThroughSandbox(db, throwaway, books, "ex-bookkeeper");
    await markConnectionBroken(db, throwaway.org.id, "needs_reauth", "Xero refused the refresh token (invalid_grant).");

    expect(await connectThroughSandbox(db, owner, books)).toMatchObject({ kind: "connected", orgId: owner.org.id });
    expect(await connectionOf(db, owner.org.id)).toMatchObject({ status: "connected", xeroTenantId: books });

    const again = await connectThroughSandbox(db, throwaway, books, "ex-bookkeeper");
    expect(again).toMatchObject({ kind: "error", orgId: throwaway.org.id, reason: "tenant_taken", message: expect.stringMatching(TAKEN) });
    expect(await connectionOf(db, throwaway.org.id)).toMatchObject({ status: "needs_reauth" });
    expect(await connectionOf(db, owner.org.id)).toMatchObject({ status: "connected", xeroTenantId: books });
  });

  it("the database holds the rule when two organisations pick one Xero organisation at the same moment", async () => {
    const db = getDb();
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const books = newTenant("Raced Books");
    // Both consents cover two organisations, so each waits at the choose step with its own tokens.
    const pa = (await connectThroughSandbox(db, a, `${books},${newTenant("A Books")}`)) as { state: string };
    const pb = (await connectThroughSandbox(db, b, `${books},${newTenant("B Books")}`)) as { state: string };
    const results = await Promise.allSettled([
      chooseXeroTenant(db, a, { state: pa.state, tenantId: books, confirmChange: false }),
      chooseXeroTenant(db, b, { state: pb.state, tenantId: books, confirmChange: false }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.message)).toMatch(TAKEN);
    const rows = await db.select().from(xeroConnections).where(eq(xeroConnections.xeroTenantId, books));
    expect(rows.filter((r) => r.status === "connected")).toHaveLength(1);
    // And directly: a second connected row for the tenant is refused by the partial unique index; one
    // waiting for re-authorisation or disconnected is not (it holds nothing until it connects again).
    const loser = results[0].status === "fulfilled" ? b : a;
    const third = await makeOrg(db);
    await expect(db.insert(xeroConnections).values({ orgId: loser.org.id, xeroTenantId: books, xeroTenantName: "x", status: "connected" })).rejects.toThrow();
    await db.insert(xeroConnections).values({ orgId: loser.org.id, xeroTenantId: books, xeroTenantName: "x", status: "needs_reauth" });
    await db.insert(xeroConnections).values({ orgId: third.org.id, xeroTenantId: books, xeroTenantName: "x", status: "disconnected" });
  });
});
