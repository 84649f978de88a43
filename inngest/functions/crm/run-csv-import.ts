import { getDb } from "@/db";
import { runImport } from "@/lib/crm/import/run-import";
import { inngest } from "../../client";
import { sendSyncRequests } from "../../sync-events";

export const RUN_CSV_IMPORT_EVENT = "crm/import.requested";

/**
 * One import at a time per organisation: two imports of the same file must not race to create the
 * same records. What it queued for Xero is pushed as soon as it ends.
 */
export const runCsvImport = inngest.createFunction(
  { id: "run-csv-import", triggers: [{ event: RUN_CSV_IMPORT_EVENT }], concurrency: { key: "event.data.orgId", limit: 1 }, retries: 2 },
  async ({ event, step }) => {
    const { jobId, orgId } = event.data as { jobId: string; orgId: string };
    const result = await step.run("run-import", async () => {
      const job = await runImport(getDb(), jobId);
      return { status: job?.status, created: job?.createdCount, updated: job?.updatedCount, rejected: job?.rejectedRows.length };
    });
    if (result.created || result.updated) await step.run("push-to-xero", () => sendSyncRequests([{ kind: "push", orgId, trigger: "push" }]));
    return result;
  },
);
