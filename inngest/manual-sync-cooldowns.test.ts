import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncCooldowns, syncCursors } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { isFullResync, resync, retry, syncNow } from "./manual-sync";
import { localRunsIdle } from "./send-event";

const FULL = /^A full resync \(contacts or invoices with no date, or a date before the first import\) was requested \d+ s ago; you can ask again in \d+ min, or resync from a later date now\.$/;

/** Lets the partial resync's own 5-minute cool-down pass, so only the hour of a full one can refuse. */
const agePartial = (orgId: string) => getDb().update(syncCooldowns).set({ lastAt: sql`now() - interval '6 minutes'` }).where(and(eq(syncCooldowns.orgId, orgId), eq(syncCooldowns.action, "resync")));

async function importedOrg(importedAt: string) {
  const db = getDb();
  const { org } = await makeOrg(db);
  await db.insert(syncCursors).values(["contacts", "invoices"].map((resource) => ({ orgId: org.id, resource, initialDoneAt: new Date(importedAt) })));
  return org.id;
}

afterAll(() => localRunsIdle());

describe("Resync of everything is judged by what it does, not by how it is ticked", () => {
  it("contacts or invoices with no date, or a date before the first import, is a full resync; a later date or other records are not", async () => {
    const db = getDb();
    const orgId = await importedOrg("2026-01-10T00:00:00Z");
    const full = (types: Parameters<typeof isFullResync>[2], since: string | null) => isFullResync(db, orgId, types, since);
    expect(await full(["contacts", "invoices", "payments", "items"], null)).toBe(true);
    expect(await full(["contacts", "invoices", "payments", "items", "settings"], "1900-01-01T00:00:00Z")).toBe(true);
    expect(await full(["invoices"], "2026-01-09T00:00:00Z")).toBe(true);
    expect(await full(["contacts", "invoices"], "2026-01-11T00:00:00Z")).toBe(false);
    expect(await full(["payments", "items", "settings"], null)).toBe(false);
    // Before any import finished, every date is before it.
    const fresh = (await makeOrg(db)).org.id;
    expect(await isFullResync(db, fresh, ["contacts"], "2099-01-01T00:00:00Z")).toBe(true);
  });

  it("since 1900-01-01 and all types but one both meet the hour's cool-down, and the refusal says the rule", async () => {
    const db = getDb();
    const orgId = await importedOrg("2026-01-10T00:00:00Z");
    await resync(db, orgId, ["contacts", "invoices", "payments", "items", "settings"], "1900-01-01T00:00:00Z");
    await agePartial(orgId);
    await expect(resync(db, orgId, ["contacts", "invoices", "payments", "items"], null)).rejects.toThrow(FULL);
    await expect(resync(db, orgId, ["contacts"], "1900-01-01T00:00:00Z")).rejects.toThrow(FULL);
    // A resync from after the first import is not held back by the hour.
    await expect(resync(db, orgId, ["contacts", "invoices"], "2026-02-01T00:00:00Z")).resolves.toMatchObject({ queued: 0 });
  });
});

describe("a cool-down is spent only when work was requested", () => {
  it("Retry with nothing to retry spends nothing", async () => {
    const { org } = await makeOrg(getDb());
    expect(await retry(getDb(), org.id, { cause: "validation" })).toBe(0);
    expect(await retry(getDb(), org.id, { cause: "validation" })).toBe(0);
  });

  it("a resync that prepareResync refuses spends nothing", async () => {
    const { org } = await makeOrg(getDb());
    await expect(resync(getDb(), org.id, ["payments"], "0000-01-01T00:00:00Z")).rejects.toMatchObject({ code: "validation" });
    await expect(resync(getDb(), org.id, ["payments"], null)).resolves.toMatchObject({ queued: 0 });
  });

  it("Sync now whose request could not be sent says so and spends nothing; the next press goes ahead", async () => {
    const { org } = await makeOrg(getDb());
    const down = async () => {
      throw new Error("inngest unreachable");
    };
    await expect(syncNow(getDb(), org.id, { send: down })).rejects.toMatchObject({ message: expect.stringMatching(/could not be requested.*Try again/) });
    await expect(syncNow(getDb(), org.id)).resolves.toMatch(/^Sync started/);
    await expect(syncNow(getDb(), org.id)).rejects.toThrow(/^Sync requested \d+ s ago; you can ask again in \d+ s\.$/);
  });
});
