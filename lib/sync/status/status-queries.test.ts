import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { addMember, makeOrg } from "@/test/factories";
import { listOpenReviews } from "../review/resolve-review";
import { listSyncErrors } from "./error-log";
import { getSyncOverview } from "./sync-overview";
import { logSync } from "../sync-log";
import { listSyncLog } from "./sync-log-query";

describe("sync log query", () => {
  it("filters by record, direction, result and time, newest first, and pages by keyset", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const other = await makeOrg(db);
    const record = crypto.randomUUID();
    const base = { orgId: ctx.org.id, recordType: "customer", trigger: "push" as const };
    await logSync(db, [
      { ...base, recordId: record, xeroId: "x-1", direction: "push", operation: "create", result: "ok" },
      { ...base, recordId: record, direction: "pull", operation: "update", result: "conflict" },
      { ...base, recordId: crypto.randomUUID(), direction: "push", operation: "create", result: "failed" },
      { ...base, orgId: other.org.id, recordId: record, direction: "push", operation: "create", result: "ok" },
    ]);
    expect((await listSyncLog(db, ctx, { recordId: record })).rows).toHaveLength(2);
    expect((await listSyncLog(db, ctx, { recordId: "x-1" })).rows.map((r) => r.operation)).toEqual(["create"]);
    expect((await listSyncLog(db, ctx, { direction: "pull" })).rows.map((r) => r.result)).toEqual(["conflict"]);
    expect((await listSyncLog(db, ctx, { result: "failed" })).rows).toHaveLength(1);
    expect((await listSyncLog(db, ctx, { from: new Date(Date.now() + 60_000) })).rows).toEqual([]);
    const first = await listSyncLog(db, ctx, { limit: 2 });
    expect(first.more).toBe(true);
    const last = first.rows[1];
    const next = await listSyncLog(db, ctx, { limit: 2, before: { at: last.at, id: last.id } });
    expect(next.rows).toHaveLength(1);
    expect(new Set([...first.rows, ...next.rows].map((r) => r.id)).size).toBe(3);
  });
});

describe("sync pages' data refuses members without sync:operate", () => {
  it("the log, errors, review and overview refuse sales by themselves, and a logged invoice total follows the amounts rule", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const sales = await addMember(db, ctx.org.id, ctx.org.slug, "sales");
    for (const read of [() => listSyncLog(db, sales), () => listSyncErrors(db, sales), () => listOpenReviews(db, sales), () => getSyncOverview(db, sales)]) {
      await expect(read()).rejects.toMatchObject({ code: "forbidden" });
    }
    await logSync(db, [{ orgId: ctx.org.id, recordType: "deal", recordId: crypto.randomUUID(), direction: "push", operation: "create", result: "ok", message: "INV-0042 created (DRAFT).", details: { amount: { total: "13162.25", currency: "USD" } }, trigger: "push" }]);
    const [seen] = (await listSyncLog(db, ctx)).rows;
    expect(seen).toMatchObject({ message: "INV-0042 created (DRAFT).", amount: { total: "13162.25", currency: "USD" } });
    expect(seen).not.toHaveProperty("details");
    // A finance-like operator who may not see amounts (the rule is per member) gets the row without them.
    const [hidden] = (await listSyncLog(db, { ...ctx, canSeeAmounts: false })).rows;
    expect(hidden.amount).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain("13162");
  });
});
