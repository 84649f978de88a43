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
    const { resources } = await prepareResync(db, ctx.org.id, { sync_types: ["payments"], since: "2026-03-01T00:00:00Z" });
    expect(resources).toEqual(["payments", "overpayments", "prepayments"]);
    const [cursor] = await db.select().from(syncCursors).where(and(eq(syncCursors.orgId, ctx.org.id), eq(syncCursors.resource, "payments")));
    expect(cursor.lastUpdatedAt).toEqual(new Date("2026-03-01T00:00:00Z"));
  });
});
