import { inngest } from "../../client";
import { sendSyncRequests } from "../../sync-events";
import { SYNC_EVENTS, type ConnectionReady } from "../../events";

/** A connection made or re-authorised: import what Xero has (then push), so the portal fills within a minute. */
export const onConnectionReady = inngest.createFunction({ id: "sync-on-connection-ready", triggers: [{ event: SYNC_EVENTS.connected }] }, async ({ event, step }) => {
  const { orgId } = event.data as ConnectionReady;
  await step.run("initial-import", () => sendSyncRequests([{ kind: "pull", orgId, mode: "initial", trigger: "initial" }]));
  return { orgId };
});
