import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { xeroConnections } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { connectThroughSandbox, sandboxForFile } from "@/test/xero-app-sandbox";
import { callXero } from "./call-xero";
import { disconnectXero } from "./disconnect-xero";

const sandbox = sandboxForFile();
const newTenant = (name: string) => sandbox().control.addOrganisation({ name: `${name} ${Math.random().toString(36).slice(2, 7)}` }).tenantId;
const appsOn = (tenantId: string) => sandbox().control.summary().find((o) => o.tenantId === tenantId)!.connectedApps.length;
const revocations = () => sandbox().control.requests({ pathPrefix: "/connect/revocation" }).length;
const orgCall = (db: Db, orgId: string) => callXero(db, orgId, { method: "GET", path: "/Organisation" }, (x, t) => x.accountingApi.getOrganisations(t));

describe("disconnecting one organisation never cuts off another that the same Xero user connected", () => {
  it("org A disconnects: only A's connection goes at Xero, the shared user's grant is not revoked, org B keeps syncing; B's own disconnect then revokes", async () => {
    const db = getDb();
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const booksA = newTenant("A Books");
    const booksB = newTenant("B Books");
    // One Xero user (a bookkeeper) connected both organisations; a user of its own, so no other test's rows share it.
    const bookkeeper = crypto.randomUUID();
    await connectThroughSandbox(db, a, booksA, bookkeeper);
    await connectThroughSandbox(db, b, booksB, bookkeeper);
    const revokedBefore = revocations();

    expect(await disconnectXero(db, a)).toEqual({ revokedAtXero: true });

    expect(appsOn(booksA)).toBe(0);
    expect(appsOn(booksB)).toBe(1);
    expect(revocations()).toBe(revokedBefore);
    expect((await orgCall(db, b.org.id)).response.status).toBe(200);
    const [rowB] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, b.org.id));
    expect(rowB.status).toBe("connected");
    // What told the two apart: the Xero user behind each grant, kept on the connection.
    expect(rowB.xeroUserId).toBe(bookkeeper);

    // B is now the user's last live connection here: its disconnect revokes the grant as well.
    expect(await disconnectXero(db, b)).toEqual({ revokedAtXero: true });
    expect(revocations()).toBe(revokedBefore + 1);
    expect(appsOn(booksB)).toBe(0);
  });

  it("another Xero user's connections never hold back a revocation, and are never touched by it", async () => {
    const db = getDb();
    const mine = await makeOrg(db);
    const theirs = await makeOrg(db);
    const myBooks = newTenant("My Books");
    const theirBooks = newTenant("Their Books");
    await connectThroughSandbox(db, mine, myBooks, crypto.randomUUID());
    await connectThroughSandbox(db, theirs, theirBooks, crypto.randomUUID());
    const revokedBefore = revocations();
    expect(await disconnectXero(db, mine)).toEqual({ revokedAtXero: true });
    expect(revocations()).toBe(revokedBefore + 1);
    expect((await orgCall(db, theirs.org.id)).response.status).toBe(200);
  });
});
