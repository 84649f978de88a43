import { REFRESH_XERO_CRON, refreshXeroConnections } from "./functions/xero/refresh-xero-connections";

export { inngest } from "./client";

/** Every function the app serves at /api/inngest. */
export const functions = [refreshXeroConnections];

/** The scheduled ones, for the local driver (Inngest's own server reads the crons from the functions). */
export const scheduledFunctions = [{ fnId: "ledgerbridge-refresh-xero-connections", cron: REFRESH_XERO_CRON, runAtStart: true }];
