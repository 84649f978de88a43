import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { syncItems } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { claimDueItems, renewClaim } from "./claim-items";

const HOUR = 60 * 60_000;

/**
 * This instance's clock is off from the database's by `offsetMs`: `new Date()` answers the skewed
 * time. Date.now stays true because PGlite (the database in-process) reads its clock through it.
 */
function skewAppClock(offsetMs: number) {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args: (string | number | Date)[]) {
      super(...((args.length ? args : [RealDate.now() + offsetMs]) as [number]));
    }
  }
  vi.stubGlobal("Date", SkewedDate);
}
const restoreClock = () => vi.unstubAllGlobals();

afterEach(restoreClock);

/** A row due now; `dueFor` backdates it, so that it is due by any of the clocks in play. */
async function orgWithPendingRow(dueFor = 0) {
  const db = getDb();
  const orgId = (await makeOrg(db)).org.id;
  const entityId = randomUUID();
  await db.insert(syncItems).values({ orgId, entityType: "customer", entityId, operation: "upsert", nextAttemptAt: sql`now() - ${dueFor}::integer * interval '1 millisecond'` });
  return { db, orgId, entityId };
}

describe("outbox leases run on the database's clock, as job claims do", () => {
  it("an instance whose clock is an hour ahead does not take over a row whose lease is live", async () => {
    const { db, orgId } = await orgWithPendingRow();
    const first = await claimDueItems(db, orgId, "customer", 10);
    expect(first.items).toHaveLength(1);
    skewAppClock(HOUR);
    const second = await claimDueItems(db, orgId, "customer", 10);
    expect(second.items).toEqual([]);
    restoreClock();
    expect(await renewClaim(db, first.token, first.items)).toEqual(new Set([first.items[0].id]));
  });

  it("a claim and a renewal made by an instance whose clock is an hour behind still hold a live lease", async () => {
    const { db, orgId } = await orgWithPendingRow(2 * HOUR);
    skewAppClock(-HOUR);
    const first = await claimDueItems(db, orgId, "customer", 10);
    expect(first.items).toHaveLength(1);
    restoreClock();
    // Another instance, with the right time, finds the lease live.
    expect((await claimDueItems(db, orgId, "customer", 10)).items).toEqual([]);
    skewAppClock(-HOUR);
    expect(await renewClaim(db, first.token, first.items)).toEqual(new Set([first.items[0].id]));
    restoreClock();
    expect((await claimDueItems(db, orgId, "customer", 10)).items).toEqual([]);
    const [row] = await db.select().from(syncItems).where(eq(syncItems.id, first.items[0].id));
    expect(row.claimToken).toBe(first.token);
    expect(row.uncertain).toBe(false);
  });

  it("a row due now by the database's clock is claimed by an instance whose clock is behind", async () => {
    const { db, orgId } = await orgWithPendingRow();
    skewAppClock(-HOUR);
    expect((await claimDueItems(db, orgId, "customer", 10)).items).toHaveLength(1);
  });
});
