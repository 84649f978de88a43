import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncCooldowns } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { formatWait, takeCooldowns } from "./cooldowns";

const age = (orgId: string, action: string, seconds: number) =>
  getDb().update(syncCooldowns).set({ lastAt: new Date(Date.now() - seconds * 1000) }).where(and(eq(syncCooldowns.orgId, orgId), eq(syncCooldowns.action, action)));

describe("manual sync cool-downs", () => {
  it("Sync now once a minute: 20 concurrent presses pass once, the rest say when to come back", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => takeCooldowns(db, org.id, ["sync_now"])));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await age(org.id, "sync_now", 40);
    await expect(takeCooldowns(db, org.id, ["sync_now"])).rejects.toMatchObject({ code: "rate_limited", status: 429, message: "Synced 40 s ago; you can sync again in 20 s." });
    await age(org.id, "sync_now", 61);
    await expect(takeCooldowns(db, org.id, ["sync_now"])).resolves.toBeUndefined();
    // Another organisation is not held back.
    const other = await makeOrg(db);
    await expect(takeCooldowns(db, other.org.id, ["sync_now"])).resolves.toBeUndefined();
  });

  it("Resync of everything at most once an hour; a refused one takes none of its cool-downs", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    await takeCooldowns(db, org.id, ["resync_all", "resync"]);
    await age(org.id, "resync", 301);
    await age(org.id, "resync_all", 600);
    await expect(takeCooldowns(db, org.id, ["resync_all", "resync"])).rejects.toThrow("Everything was resynced 10 min ago; you can resync everything again in 50 min.");
    // The partial resync's own cool-down was not spent by the refusal.
    await expect(takeCooldowns(db, org.id, ["resync"])).resolves.toBeUndefined();
    await expect(takeCooldowns(db, org.id, ["resync"])).rejects.toThrow(/^A resync started 1 s ago; you can resync again in 5 min\.$/);
  });

  it("formats waits people read at a glance", () => {
    expect([formatWait(0.2), formatWait(20), formatWait(89), formatWait(90), formatWait(3000), formatWait(7200)]).toEqual(["1 s", "20 s", "89 s", "2 min", "50 min", "2 h"]);
  });
});
