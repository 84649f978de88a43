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
    await expect(takeCooldowns(db, org.id, ["sync_now"])).rejects.toMatchObject({ code: "rate_limited", status: 429, message: "Sync requested 40 s ago; you can ask again in 20 s." });
    await age(org.id, "sync_now", 61);
    await expect(takeCooldowns(db, org.id, ["sync_now"])).resolves.toBeDefined();
    // Another organisation is not held back.
    const other = await makeOrg(db);
    await expect(takeCooldowns(db, other.org.id, ["sync_now"])).resolves.toBeDefined();
  });

  it("Resync of everything at most once an hour; a refused one takes none of its cool-downs", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    await takeCooldowns(db, org.id, ["resync_all", "resync"]);
    await age(org.id, "resync", 301);
    await age(org.id, "resync_all", 600);
    await expect(takeCooldowns(db, org.id, ["resync_all", "resync"])).rejects.toThrow(
      "A full resync (contacts or invoices with no date, or a date before the first import) was requested 10 min ago; you can ask again in 50 min, or resync from a later date now.",
    );
    // The partial resync's own cool-down was not spent by the refusal.
    await expect(takeCooldowns(db, org.id, ["resync"])).resolves.toBeDefined();
    await expect(takeCooldowns(db, org.id, ["resync"])).rejects.toThrow(/^Resync requested 1 s ago; you can ask again in 5 min\.$/);
  });

  it("a cool-down given back (the request did nothing) is as it was: never taken, or taken long ago", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const first = await takeCooldowns(db, org.id, ["retry"]);
    await first.giveBack();
    const second = await takeCooldowns(db, org.id, ["retry"]);
    await age(org.id, "retry", 100);
    const [before] = await db.select().from(syncCooldowns).where(and(eq(syncCooldowns.orgId, org.id), eq(syncCooldowns.action, "retry")));
    await (await takeCooldowns(db, org.id, ["retry"])).giveBack();
    const [after] = await db.select().from(syncCooldowns).where(and(eq(syncCooldowns.orgId, org.id), eq(syncCooldowns.action, "retry")));
    expect(after.lastAt).toEqual(before.lastAt);
    await expect(takeCooldowns(db, org.id, ["retry"])).resolves.toBeDefined();
    // Giving back twice, or after someone else took it since, changes nothing.
    await second.giveBack();
    await expect(takeCooldowns(db, org.id, ["retry"])).rejects.toThrow(/^Retry requested/);
  });

  it("formats waits people read at a glance", () => {
    expect([formatWait(0.2), formatWait(20), formatWait(89), formatWait(90), formatWait(3000), formatWait(7200)]).toEqual(["1 s", "20 s", "89 s", "2 min", "50 min", "2 h"]);
  });
});
