import { getDb } from "@/db";
import { organisationsDueForDailyAlerts } from "@/lib/alerts/daily-alert-orgs";
import { raiseLeakageDigest } from "@/lib/alerts/leakage-digest";
import { raiseOverdueAlerts } from "@/lib/alerts/overdue-alerts";
import { raiseSubscriptionUnpaidAlerts } from "@/lib/alerts/subscription-unpaid-alerts";
import { sendPaymentReminders } from "@/lib/billing/payment-reminders";
import { ALERT_EVENTS, type OrgDailyAlerts } from "../../events";
import { sendEvents } from "../../send-event";
import { inngest } from "../../client";

/** Hourly: each organisation's alerts go out from 07:00 its own time (daily-alert-orgs.ts). */
export const DAILY_ALERTS_CRON = "TZ=UTC 5 * * * *";

/**
 * Asks for each due organisation's morning alerts, one event (and run) each: the event id names the
 * organisation and its day, so the hours after 07:00 ask again for nothing, and a thousand
 * organisations are a thousand small runs, each with its own retries, not one run's steps.
 */
export const raiseDailyAlerts = inngest.createFunction({ id: "alerts-daily", triggers: [{ cron: DAILY_ALERTS_CRON }], retries: 2 }, async ({ step }) => {
  const due = await step.run("due-organisations", () => organisationsDueForDailyAlerts(getDb()));
  await step.run("ask-each", () => sendEvents(due.map((d) => ({ name: ALERT_EVENTS.orgDaily, id: `alerts-daily-${d.orgId}-${d.today}`, data: d satisfies OrgDailyAlerts }))));
  return { organisations: due.length };
});

/** One organisation's overdue alert and leakage digest; a failure throws and is retried (nothing was recorded). */
export const raiseOrgDailyAlerts = inngest.createFunction({ id: "alerts-org-daily", triggers: [{ event: ALERT_EVENTS.orgDaily }], retries: 3, concurrency: { limit: 2 } }, async ({ event, step }) => {
  const { orgId, today } = event.data as OrgDailyAlerts;
  const overdue = await step.run("overdue", () => raiseOverdueAlerts(getDb(), orgId, today));
  const leakage = await step.run("leakage", () => raiseLeakageDigest(getDb(), orgId));
  const unpaid = await step.run("subscription-unpaid", () => raiseSubscriptionUnpaidAlerts(getDb(), orgId, today));
  const reminders = await step.run("payment-reminders", () => sendPaymentReminders(getDb(), orgId, today));
  return { overdue: overdue.invoices, leakage: leakage.rows, subscriptionsUnpaid: unpaid.invoices, remindersSent: reminders.sent };
});
