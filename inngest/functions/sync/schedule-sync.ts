import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { syncItems, xeroConnections } from "@/db/schema";
import { duePulls } from "@/lib/sync/pull/polling-plan";
import { PUSHED_ENTITIES } from "@/lib/sync/sync-types";
import { checkXeroConnections } from "@/lib/xero/check-xero-connections";
import { inngest } from "../../client";
import { sendSyncRequests } from "../../sync-events";

export const PULL_CRON = "*/5 * * * *";
export const DUE_PUSH_CRON = "* * * * *";
export const RECONCILE_CRON = "TZ=UTC 41 2 * * *";

/** Organisations one step of the nightly /connections check asks (each a token refresh and one call, at most 20 s). */
const CHECKS_PER_STEP = 10;

const connectedOrgs = async () => (await getDb().select({ orgId: xeroConnections.orgId }).from(xeroConnections).where(eq(xeroConnections.status, "connected"))).map((r) => r.orgId);

/**
 * Every five minutes, the safety net for missed webhooks: an incremental pull of what is due for
 * each connected organisation (lib/sync/pull/polling-plan.ts sizes it to Xero's daily budget).
 */
export const scheduledPull = inngest.createFunction({ id: "sync-scheduled-pull", triggers: [{ cron: PULL_CRON }] }, async ({ step }) => {
  const due = await step.run("due-pulls", () => duePulls(getDb()));
  if (due.length) await step.run("pull-each", () => sendSyncRequests(due.map(({ orgId, resources }) => ({ kind: "pull", orgId, mode: "incremental", resources, trigger: "schedule" }))));
  return { organisations: due.length };
});

/**
 * Every night, a full pass of every connected organisation, for what If-Modified-Since misses (Xero's
 * own caveat), and Xero's /connections asked whether each is still connected: an app removed inside
 * Xero (tokens still refresh, calls answer 403 only when made) shows by morning, not at the next write.
 */
export const nightlyReconcile = inngest.createFunction({ id: "sync-nightly-reconcile", triggers: [{ cron: RECONCILE_CRON }] }, async ({ step }) => {
  const orgIds = await step.run("connected-organisations", connectedOrgs);
  // First the check, a few organisations a step (each step short, and kept when a later one fails):
  // an app removed inside Xero is then disconnected, not met by a night of refused reconcile calls.
  const broken: string[] = [];
  for (let i = 0; i < orgIds.length; i += CHECKS_PER_STEP) {
    const slice = orgIds.slice(i, i + CHECKS_PER_STEP);
    broken.push(...(await step.run(`check-connections-${i / CHECKS_PER_STEP}`, () => checkXeroConnections(getDb(), slice))).broken);
  }
  const standing = orgIds.filter((orgId) => !broken.includes(orgId));
  if (standing.length) await step.run("reconcile-each", () => sendSyncRequests(standing.map((orgId) => ({ kind: "pull", orgId, mode: "full", trigger: "reconcile" }))));
  return { organisations: orgIds.length, broken: broken.length };
});

/**
 * Organisations whose outbox holds rows due now (a change made through the tenant API, a retry whose
 * back-off ended): a push for each. Portal actions send their push at once; this catches the rest.
 */
export const pushDueOutboxes = inngest.createFunction({ id: "sync-push-due", triggers: [{ cron: DUE_PUSH_CRON }] }, async ({ step }) => {
  const orgIds = await step.run("organisations-with-due-rows", async () => {
    const rows = await getDb()
      .selectDistinct({ orgId: syncItems.orgId })
      .from(syncItems)
      .innerJoin(xeroConnections, and(eq(xeroConnections.orgId, syncItems.orgId), eq(xeroConnections.status, "connected")))
      .where(and(inArray(syncItems.entityType, PUSHED_ENTITIES), inArray(syncItems.status, ["pending", "in_flight"]), lte(sql`coalesce(${syncItems.claimedUntil}, ${syncItems.nextAttemptAt})`, new Date())));
    return rows.map((r) => r.orgId);
  });
  if (orgIds.length) await step.run("push-each", () => sendSyncRequests(orgIds.map((orgId) => ({ kind: "push", orgId, trigger: "schedule" }))));
  return { organisations: orgIds.length };
});
