import { RUN_CSV_IMPORT_EVENT, runCsvImport } from "./functions/crm/run-csv-import";
import { REFRESH_XERO_CRON, refreshXeroConnections } from "./functions/xero/refresh-xero-connections";

export { inngest } from "./client";

/** Every function the app serves at /api/inngest. */
export const functions = [refreshXeroConnections, runCsvImport];

/** The scheduled ones, for the local driver (Inngest's own server reads the crons from the functions). */
export const scheduledFunctions = [{ fnId: "ledgerbridge-refresh-xero-connections", cron: REFRESH_XERO_CRON, runAtStart: true }];

/** Which functions an event starts, for the local driver. */
export const eventFunctions: Record<string, string[]> = {
  [RUN_CSV_IMPORT_EVENT]: ["ledgerbridge-run-csv-import"],
  "xero/connections.refresh": ["ledgerbridge-refresh-xero-connections"],
};
