import { and, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db";
import { syncCursors } from "@/db/schema";
import { inngest } from "../../client";
import { sendSyncRequests } from "../../sync-events";
import { SYNC_EVENTS, type ConnectionReady } from "../../events";

/**
 * A connection made or re-authorised: import what Xero has (then push), so the portal fills within
 * a minute. Re-authorising the same books (their cursors survive; switching books drops them)
 * only pulls what changed meanwhile and sends what waited, instead of importing everything again.
 */
export const onConnectionReady = inngest.createFunction({ id: "sync-on-connection-ready", triggers: [{ event: SYNC_EVENTS.connected }] }, async ({ event, step }) => {
  const { orgId } = event.data as ConnectionReady;
  const imported = await step.run("first-import-done", async () => (await getDb().$count(syncCursors, and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts"), isNotNull(syncCursors.initialDoneAt)))) > 0);
  if (imported) {
    await step.run("catch-up", () => sendSyncRequests([{ kind: "pull", orgId, mode: "incremental", trigger: "initial" }, { kind: "push", orgId, trigger: "initial" }]));
  } else {
    await step.run("initial-import", () => sendSyncRequests([{ kind: "pull", orgId, mode: "initial", trigger: "initial" }]));
  }
  return { orgId, imported };
});
