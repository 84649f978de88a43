import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncCursors } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { prepareResync } from "./resync";

describe("prepareResync", () => {
  it("sets the chosen cursors back to the date; a date no database holds is a validation error naming since, and changes nothing", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    for (const since of ["0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "2026-01-01"]) {
      await expect(prepareResync(db, ctx.org.id, { sync_types: ["payments"], since })).rejects.toMatchObject({ code: "validation", fields: [{ field: "since" }] });
    }
    expect(await db.select().from(syncCursors).where(eq(syncCursors.orgId, ctx.org.id))).toEqual([]);
    // Cursors: one ahead of the date (set back to it), one behind it (left: it still has that time to read), none yet (left: it reads everything).
    await db.insert(syncCursors).values([
      { orgId: ctx.org.id, resource: "payments", lastUpdatedAt: new Date("2026-06-01T00:00:00Z") },
      { orgId: ctx.org.id, resource: "overpayments", lastUpdatedAt: new Date("2026-02-01T00:00:00Z") },
    ]);
    const { resources, since, walkFrom } = await prepareResync(db, ctx.org.id, { sync_types: ["payments"], since: "2026-03-01T00:00:00Z" });
    expect(resources).toEqual(["payments", "overpayments", "prepayments"]);
    const cursor = async (resource: string) => (await db.select().from(syncCursors).where(and(eq(syncCursors.orgId, ctx.org.id), eq(syncCursors.resource, resource))))[0].lastUpdatedAt;
    expect(await cursor("payments")).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(await cursor("overpayments")).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(await cursor("prepayments")).toBeNull();
    // Each list walks from its own start: the date, the cursor still behind it, or (never read) the beginning.
    expect({ since, walkFrom }).toEqual({ since: "2026-03-01T00:00:00.000Z", walkFrom: { payments: "2026-03-01T00:00:00.000Z", overpayments: "2026-02-01T00:00:00.000Z", prepayments: null } });
    await expect(prepareResync(db, ctx.org.id, { sync_types: ["payments"], since: new Date(Date.now() + 3_600_000).toISOString() })).rejects.toMatchObject({ code: "validation", fields: [{ field: "since" }] });
  });
});
