import { createHmac } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { xeroContacts, xeroRateLimits, xeroWebhookEvents } from "@/db/schema";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { processWebhookEvents } from "./process-events";
import { recordWebhookEvents } from "./record-events";
import { receiveXeroWebhook } from "./receive-webhook";

const sandboxOf = sandboxForFile();

/** Xero's own shape: eventDateUtc without a zone. */
const event = (tenantId: string, resourceId: string, at: Date) => ({
  resourceUrl: `https://api.xero.com/api.xro/2.0/Contacts/${resourceId}`,
  resourceId,
  eventDateUtc: at.toISOString().replace("Z", ""),
  eventType: "UPDATE",
  eventCategory: "CONTACT",
  tenantId,
  tenantType: "ORGANISATION",
});

describe("webhook bursts are worked off in bounded rounds", () => {
  it("each round makes at most its calls and marks done exactly what it applied; a 429 loses nothing; all arrive", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "empty" });
    const books = sandbox.sandbox.org(tenantId)!;
    const ids = Array.from({ length: 260 }, (_, i) => {
      const id = crypto.randomUUID();
      books.contacts.put({ ContactID: id, ContactStatus: "ACTIVE", Name: `Burst ${i}`, Addresses: [], Phones: [], UpdatedDateUTC: Date.now() });
      return id;
    });
    await recordWebhookEvents(db, { events: ids.map((id) => event(tenantId, id, new Date())), firstEventSequence: 1, lastEventSequence: ids.length, entropy: "x" });
    const waiting = () => db.$count(xeroWebhookEvents, and(eq(xeroWebhookEvents.orgId, orgId), isNull(xeroWebhookEvents.processedAt)));
    expect(await waiting()).toBe(260);

    // A round of two calls: 100 contacts fetched, exactly their 100 events done.
    const first = await processWebhookEvents(db, orgId, 2);
    expect(first).toMatchObject({ calls: 2, events: 100, remaining: 160 });
    expect(await waiting()).toBe(160);

    // Xero refuses the next round's first call: nothing of it is marked, nothing is lost.
    sandbox.control.setFaults({ force429: { count: 1, problem: "minute" } });
    await expect(processWebhookEvents(db, orgId, 2)).rejects.toBeTruthy();
    sandbox.control.clearFaults();
    expect(await waiting()).toBe(160);
    // The job sleeps Retry-After; here the limiter's pause is lifted instead.
    await db.delete(xeroRateLimits).where(eq(xeroRateLimits.xeroTenantId, tenantId));

    for (let round = 0; round < 10 && (await waiting()) > 0; round++) await processWebhookEvents(db, orgId);
    expect(await waiting()).toBe(0);
    expect(await db.$count(xeroContacts, eq(xeroContacts.orgId, orgId))).toBe(260);
  });

  it("a zone-less eventDateUtc is UTC whatever the host's zone (Xero's format)", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Australia/Sydney"; // Node re-reads the zone when TZ is set
    onTestFinished(() => {
      process.env.TZ = zone;
    });
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandboxOf(), { seed: "empty" });
    const id = crypto.randomUUID();
    await recordWebhookEvents(db, { events: [{ ...event(tenantId, id, new Date()), eventDateUtc: "2024-06-21T01:15:39.902" }], firstEventSequence: 1, lastEventSequence: 1, entropy: "x" });
    const [row] = await db.select().from(xeroWebhookEvents).where(and(eq(xeroWebhookEvents.orgId, orgId), eq(xeroWebhookEvents.resourceId, id)));
    expect(row.eventDate.toISOString()).toBe("2024-06-21T01:15:39.902Z");
  });

  it("a delivery naming 10,000 changes is kept whole (more rows than one statement's parameters)", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandboxOf(), { seed: "empty" });
    const ids = Array.from({ length: 10_000 }, () => crypto.randomUUID());
    expect(await recordWebhookEvents(db, { events: ids.map((id) => event(tenantId, id, new Date())), firstEventSequence: 1, lastEventSequence: ids.length, entropy: "x" })).toEqual([orgId]);
    expect(await db.$count(xeroWebhookEvents, eq(xeroWebhookEvents.orgId, orgId))).toBe(10_000);
  });

  it("a signed delivery of 1,500 changes is recorded whole (it was ignored as an unexpected shape past 1,000)", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandboxOf(), { seed: "empty" });
    const body = JSON.stringify({ events: Array.from({ length: 1500 }, () => event(tenantId, crypto.randomUUID(), new Date())), firstEventSequence: 1, lastEventSequence: 1500, entropy: "X" });
    const signature = createHmac("sha256", getEnv().xeroWebhookKey).update(body).digest("base64");
    const answer = await receiveXeroWebhook(db, new Request("http://app.test/api/webhooks/xero", { method: "POST", headers: { "x-xero-signature": signature, "content-type": "application/json" }, body }));
    expect(answer).toEqual({ status: 200, orgIds: [orgId] });
    expect(await db.$count(xeroWebhookEvents, eq(xeroWebhookEvents.orgId, orgId))).toBe(1500);
  });
});
