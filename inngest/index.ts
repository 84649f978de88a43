import { ALERT_DELIVERY_CRON, deliverAlerts } from "./functions/alerts/deliver-alerts";
import { DAILY_ALERTS_CRON, raiseDailyAlerts, raiseOrgDailyAlerts } from "./functions/alerts/daily-alerts";
import { runCsvImport } from "./functions/crm/run-csv-import";
import { XERO_REPORTS_CRON, pullXeroReportsDaily } from "./functions/reports/pull-xero-reports";
import { onConnectionReady } from "./functions/sync/on-connection-ready";
import { PRUNE_CRON, pruneSyncHistoryNightly } from "./functions/sync/prune-sync-history";
import { processWebhooks } from "./functions/sync/process-webhooks";
import { pullXero } from "./functions/sync/pull-xero";
import { pushOutbox } from "./functions/sync/push-outbox";
import { QUOTES_CRON, watchQuotes } from "./functions/sync/watch-quotes";
import { HEALTH_CHECK_CRON, monthlyHealthCheck } from "./functions/sync/monthly-health-check";
import { DUE_PUSH_CRON, nightlyReconcile, PULL_CRON, pushDueOutboxes, RECONCILE_CRON, scheduledPull } from "./functions/sync/schedule-sync";
import { REFRESH_XERO_CRON, refreshXeroConnections } from "./functions/xero/refresh-xero-connections";

export { inngest } from "./client";

/** Every function the app serves at /api/inngest. */
export const functions = [refreshXeroConnections, runCsvImport, pushOutbox, pullXero, processWebhooks, onConnectionReady, scheduledPull, nightlyReconcile, pushDueOutboxes, pruneSyncHistoryNightly, pullXeroReportsDaily, raiseDailyAlerts, raiseOrgDailyAlerts, deliverAlerts, watchQuotes, monthlyHealthCheck];

/**
 * The scheduled ones, for the local driver (Inngest's own server reads the crons from the
 * functions). Daily crons run at their time; the frequent ones run every `everyMs` (the local
 * driver checks due outboxes every few seconds, so a change made through the API syncs at once).
 */
export const scheduledFunctions: { fnId: string; cron: string; runAtStart?: boolean; everyMs?: number }[] = [
  { fnId: "ledgerbridge-refresh-xero-connections", cron: REFRESH_XERO_CRON, runAtStart: true },
  { fnId: "ledgerbridge-sync-nightly-reconcile", cron: RECONCILE_CRON },
  { fnId: "ledgerbridge-sync-prune-history", cron: PRUNE_CRON },
  { fnId: "ledgerbridge-reports-pull-xero-reports", cron: XERO_REPORTS_CRON },
  { fnId: "ledgerbridge-alerts-daily", cron: DAILY_ALERTS_CRON },
  { fnId: "ledgerbridge-alerts-deliver", cron: ALERT_DELIVERY_CRON, everyMs: 10_000 },
  { fnId: "ledgerbridge-sync-scheduled-pull", cron: PULL_CRON, everyMs: 5 * 60_000 },
  { fnId: "ledgerbridge-sync-push-due", cron: DUE_PUSH_CRON, everyMs: 5_000 },
  { fnId: "ledgerbridge-sync-watch-quotes", cron: QUOTES_CRON, everyMs: 60_000 },
  { fnId: "ledgerbridge-sync-monthly-health-check", cron: HEALTH_CHECK_CRON },
];
