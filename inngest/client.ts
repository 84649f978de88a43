import { Inngest } from "inngest";
import { getEnv } from "@/lib/env";

const { inngest: config } = getEnv();

/** The one Inngest client. Jobs are triggers, not state: they read and write the outbox and cursors in Postgres. */
export const inngest = new Inngest({ id: "ledgerbridge", isDev: config.isDev, baseUrl: config.baseUrl, eventKey: config.eventKey, signingKey: config.signingKey });
