import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncItems } from "@/db/schema";
import { parseInput } from "@/lib/validation";
import { makeOrg } from "@/test/factories";
import { RETRY_MAX_IDS, retryFailed, retryIds } from "./retry-failed";

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

describe("retryFailed takes at most a page of ids", () => {
  it("refuses more than 500 item or record ids with a validation error naming the field and the fix, before any query", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    expect(RETRY_MAX_IDS).toBe(500);
    for (const field of ["itemIds", "recordIds"] as const) {
      const refused = retryFailed(db, ctx.org.id, { [field]: ids(501) });
      await expect(refused).rejects.toMatchObject({ code: "validation", status: 400, fields: [{ field, message: expect.stringMatching(/at most 500.*Retry all/) }] });
      expect(await retryFailed(db, ctx.org.id, { [field]: ids(500) })).toBe(0);
    }
  });

  it("the form's schema says the same: one id or up to 500", () => {
    expect(parseInput(retryIds, ids(500))).toHaveLength(500);
    const one = randomUUID();
    expect(parseInput(retryIds, one)).toEqual([one]);
    expect(() => parseInput(retryIds, ids(501))).toThrow(/at most 500/);
  });
});

describe("retry all at volume", () => {
  it("queues 12,000 failed records of a tenant in one press (no statement past Postgres's 65,535 parameters)", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const many = ids(12_000);
    for (let i = 0; i < many.length; i += 2000) {
      await db.insert(syncItems).values(many.slice(i, i + 2000).map((entityId) => ({ orgId: ctx.org.id, entityType: "customer" as const, entityId, operation: "upsert" as const, status: "failed" as const, lastErrorCode: "contact_limit_reached" })));
    }
    expect(await retryFailed(db, ctx.org.id, { cause: "contact_limit_reached" })).toBe(12_000);
    expect(await db.$count(syncItems, and(eq(syncItems.orgId, ctx.org.id), eq(syncItems.status, "pending")))).toBe(12_000);
  }, 120_000);
});
