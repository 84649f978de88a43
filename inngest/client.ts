import { Inngest } from "inngest";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";

const { inngest: config } = getEnv();

/**
 * The one Inngest client. Jobs are triggers, not state: they read and write the outbox and cursors in
 * Postgres. It logs through our logger, so a failed step's error is logged by its shape, never the
 * values of a failed query (lib/log/safe-error.ts).
 */
export const inngest = new Inngest({ id: "ledgerbridge", isDev: config.isDev, baseUrl: config.baseUrl, eventKey: config.eventKey, signingKey: config.signingKey, logger: getLogger() });
