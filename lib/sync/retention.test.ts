import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncItems, syncLog, xeroRequestLog, xeroWebhookEvents } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { pruneSyncHistory } from "./retention";

const DAY = 86_400_000;

describe("retention of the sync's history", () => {
  it("prunes what is older than each setting, keeps what is newer, unprocessed or still the newest row of its record", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const orgId = ctx.org.id;
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    await db.insert(xeroRequestLog).values([
      { orgId, method: "GET", path: "/Contacts", status: 200, durationMs: 5, createdAt: ago(40) },
      { orgId, method: "GET", path: "/Invoices", status: 200, durationMs: 5, createdAt: ago(2) },
    ]);
    const event = (key: string, processedAt: Date | null) => ({ eventKey: `${orgId}|${key}`, xeroTenantId: "t", orgId, category: "CONTACT", eventType: "UPDATE", resourceId: key, eventDate: ago(30), receivedAt: ago(30), processedAt });
    await db.insert(xeroWebhookEvents).values([event("done-long-ago", ago(30)), event("waiting", null), event("done-lately", ago(1))]);
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const item = (entityId: string, status: "synced" | "failed", days: number) => ({ orgId, entityType: "customer" as const, entityId, operation: "upsert" as const, status, createdAt: ago(days), updatedAt: ago(days) });
    await db.insert(syncItems).values([item(a, "synced", 200), item(a, "synced", 150), item(a, "synced", 100), item(b, "synced", 300), item(crypto.randomUUID(), "failed", 300)]);
    const log = (days: number) => ({ orgId, recordType: "customer", direction: "push" as const, operation: "create", result: "ok" as const, trigger: "push", at: ago(days) });
    await db.insert(syncLog).values([log(500), log(10)]);

    const pruned = await pruneSyncHistory(db, now, { requestLog: 30, webhookEvents: 14, syncedOutbox: 90, syncLog: 400 });
    expect(pruned).toMatchObject({ requestLog: 1, webhookEvents: 1, syncedOutbox: 2, syncLog: 1 });
    expect((await db.select().from(xeroRequestLog).where(eq(xeroRequestLog.orgId, orgId))).map((r) => r.path)).toEqual(["/Invoices"]);
    expect((await db.select().from(xeroWebhookEvents).where(eq(xeroWebhookEvents.orgId, orgId))).map((e) => e.resourceId).sort()).toEqual(["done-lately", "waiting"]);
    const items = await db.select().from(syncItems).where(eq(syncItems.orgId, orgId));
    // Record a keeps only its newest settled row; b's only row stays; a failed row is never pruned.
    expect(items.filter((i) => i.entityId === a).map((i) => i.createdAt.getTime())).toEqual([ago(100).getTime()]);
    expect(items.filter((i) => i.entityId === b)).toHaveLength(1);
    expect(items.filter((i) => i.status === "failed")).toHaveLength(1);
    expect(await db.$count(syncLog, eq(syncLog.orgId, orgId))).toBe(1);
    // Run again: nothing more.
    expect(await pruneSyncHistory(db, now, { requestLog: 30, webhookEvents: 14, syncedOutbox: 90, syncLog: 400 })).toMatchObject({ requestLog: 0, webhookEvents: 0, syncLog: 0 });
  });
});
