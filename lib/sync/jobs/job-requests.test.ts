import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncJobRequests } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { claimJobRequest, finishJobRun, jobKey, releaseLostRequests, STALE_REQUEST_MINUTES, startJobRun } from "./job-requests";

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

  it("a join answers the waiting run's queued time, so the joiner can send that run's event again", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const first = await claimJobRequest(db, org.id, "push");
    const second = await claimJobRequest(db, org.id, "push");
    expect(first.outcome).toBe("queued");
    expect(second).toEqual({ outcome: "joined", queuedAt: first.queuedAt });
  });

  /** Ages a claim by the database's clock (the one the claim itself is judged by). */
  const age = (orgId: string, job: string, minutes: number, column: "queued_at" | "started_at" | "finished_at" = "queued_at") =>
    getDb().execute(sql`update sync_job_requests set ${sql.raw(column)} = now() - make_interval(mins => ${minutes}) where org_id = ${orgId} and job = ${job}`);

  it("a request whose run never started is taken as lost after a while (by the database's clock), and queues again", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("queued");
    await age(org.id, "push", STALE_REQUEST_MINUTES - 1);
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("joined");
    await age(org.id, "push", STALE_REQUEST_MINUTES + 1);
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("queued");
  });

  it("a pull waiting behind a long reconcile of the same organisation is not lost: it joins until the reconcile has been over a while", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const full = jobKey({ kind: "pull", mode: "full" });
    const incremental = jobKey({ kind: "pull", mode: "incremental" });
    await startJobRun(db, org.id, full);
    await age(org.id, full, 45, "started_at");
    expect((await claimJobRequest(db, org.id, incremental)).outcome).toBe("queued");
    await age(org.id, incremental, 40);
    expect((await claimJobRequest(db, org.id, incremental)).outcome).toBe("joined");
    // The push runs on its own: a reconcile does not hold it up, so its lost claim still ages out.
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("queued");
    await age(org.id, "push", 40);
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("queued");

    await finishJobRun(db, org.id, full);
    expect((await claimJobRequest(db, org.id, incremental)).outcome).toBe("joined");
    await age(org.id, full, STALE_REQUEST_MINUTES + 1, "finished_at");
    expect((await claimJobRequest(db, org.id, incremental)).outcome).toBe("queued");
  });

  it("the embedded driver starting clears the claims its lost in-memory queue held, and only those", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    await claimJobRequest(db, org.id, "push");
    await startJobRun(db, org.id, "pull:incremental:all");
    await releaseLostRequests(db);
    const rows = await db.select().from(syncJobRequests).where(eq(syncJobRequests.orgId, org.id));
    expect(rows.map((r) => [r.job, r.queuedAt])).toEqual(expect.arrayContaining([["push", null], ["pull:incremental:all", null]]));
    expect(rows.find((r) => r.job === "pull:incremental:all")?.startedAt).not.toBeNull();
    expect((await claimJobRequest(db, org.id, "push")).outcome).toBe("queued");
  });

  it("names a pull by its mode and resources, whatever their order", () => {
    expect(jobKey({ kind: "pull", mode: "incremental", resources: ["payments", "contacts"] })).toBe(jobKey({ kind: "pull", mode: "incremental", resources: ["contacts", "payments"] }));
    expect(jobKey({ kind: "pull", mode: "full" })).toBe("pull:full:all");
  });
});
