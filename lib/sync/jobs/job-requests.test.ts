import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncJobRequests } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { claimJobRequest, jobKey, STALE_REQUEST_MS, startJobRun } from "./job-requests";

describe("sync job requests coalesce in Postgres", () => {
  it("20 concurrent requests queue one run; a request during the run queues one more; organisations and jobs are apart", async () => {
    const db = getDb();
    const [a, b] = [await makeOrg(db), await makeOrg(db)];
    const pull = jobKey({ kind: "pull", mode: "incremental" });
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimJobRequest(db, a.org.id, pull)));
    expect(claims.filter((c) => c.outcome === "queued")).toHaveLength(1);
    expect((await claimJobRequest(db, b.org.id, pull)).outcome).toBe("queued");
    expect((await claimJobRequest(db, a.org.id, jobKey({ kind: "push" }))).outcome).toBe("queued");
    expect((await claimJobRequest(db, a.org.id, jobKey({ kind: "pull", mode: "incremental", resources: ["payments"] }))).outcome).toBe("queued");

    await startJobRun(db, a.org.id, pull);
    const during = await Promise.all(Array.from({ length: 5 }, () => claimJobRequest(db, a.org.id, pull)));
    expect(during.map((c) => c.outcome).sort()).toEqual(["joined", "joined", "joined", "joined", "queued"]);
  });

  it("a request whose run never started is taken as lost after a while, and queues again", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("queued");
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("joined");
    await db.update(syncJobRequests).set({ queuedAt: new Date(Date.now() - STALE_REQUEST_MS - 1000) }).where(and(eq(syncJobRequests.orgId, org.id), eq(syncJobRequests.job, "push")));
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("queued");
  });

  it("names a pull by its mode and resources, whatever their order", () => {
    expect(jobKey({ kind: "pull", mode: "incremental", resources: ["payments", "contacts"] })).toBe(jobKey({ kind: "pull", mode: "incremental", resources: ["contacts", "payments"] }));
    expect(jobKey({ kind: "pull", mode: "full" })).toBe("pull:full:all");
  });
});
