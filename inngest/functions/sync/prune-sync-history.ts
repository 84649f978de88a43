import { getDb } from "@/db";
import { pruneSyncHistory } from "@/lib/sync/retention";
import { inngest } from "../../client";

export const PRUNE_CRON = "TZ=UTC 17 3 * * *";

/** Every night, the sync's history older than its retention (RETENTION_*_DAYS) goes, so tables do not grow without end. */
export const pruneSyncHistoryNightly = inngest.createFunction({ id: "sync-prune-history", triggers: [{ cron: PRUNE_CRON }], retries: 2 }, async ({ step }) => step.run("prune", () => pruneSyncHistory(getDb())));
