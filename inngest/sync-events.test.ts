import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncJobRequests } from "@/db/schema";
import { claimJobRequest } from "@/lib/sync/jobs/job-requests";
import { makeOrg } from "@/test/factories";
import { localRunsIdle } from "./send-event";
import { sendSyncRequests } from "./sync-events";

const pushRow = async (orgId: string) => (await getDb().select().from(syncJobRequests).where(and(eq(syncJobRequests.orgId, orgId), eq(syncJobRequests.job, "push"))))[0];

/**
 * A claim is written before its event goes out. The event can still be lost (the send throws, the
 * process dies in between, the embedded driver's in-memory queue restarts): the next request for
 * the same work must bring the run about, not join nothing (review of the coalescing, M-A).
 */
describe("a sync request whose event never went out", () => {
  it("is sent again by the next request (the scheduled check), with the same event id, and the run starts", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    // The claim was written and the process died before send (or the driver lost its queue).
    const lost = await claimJobRequest(db, org.id, "push");
    const sent: { id?: string }[] = [];
    const outcomes = await sendSyncRequests([{ kind: "push", orgId: org.id, trigger: "schedule" }], {
      send: async (events) => {
        sent.push(...events);
        const { sendEvents } = await import("./send-event");
        await sendEvents(events);
      },
    });
    expect(outcomes).toEqual(["joined"]);
    expect(sent.map((e) => e.id)).toEqual([`push:${org.id}:${lost.queuedAt.getTime()}`]);
    await localRunsIdle();
    const row = await pushRow(org.id);
    expect(row.startedAt).not.toBeNull();
    expect(row.queuedAt).toBeNull();
  });

  it("a send that throws releases the claims it made and throws, so the next request queues afresh", async () => {
    const db = getDb();
    const { org } = await makeOrg(db);
    const down = async () => {
      throw new Error("inngest unreachable");
    };
    await expect(sendSyncRequests([{ kind: "push", orgId: org.id, trigger: "push" }], { send: down })).rejects.toThrow("inngest unreachable");
    expect((await pushRow(org.id)).queuedAt).toBeNull();
    expect(await sendSyncRequests([{ kind: "push", orgId: org.id, trigger: "schedule" }])).toEqual(["queued"]);
    await localRunsIdle();
    expect((await pushRow(org.id)).startedAt).not.toBeNull();
  });
});
