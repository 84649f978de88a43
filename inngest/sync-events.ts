import { getLogger } from "@/lib/log/logger";
import { SYNC_EVENTS, type PullRequested, type SyncTriggerName } from "./events";
import { sendEvents as send } from "./send-event";

/**
 * A request to sync is a nudge, never a condition of the change that caused it: the change and its
 * outbox row are already committed, and the minute's due-outbox check would find them anyway. So a
 * failure to send is logged, not thrown at the person who saved.
 */
const sendEvents: typeof send = (events) => send(events).catch((error: unknown) => getLogger().warn({ err: error, events: events.map((e) => e.name) }, "sync request not sent; the scheduled check will pick it up"));

/** Push this organisation's outbox now (a portal change, a retry): the invoice is in Xero within seconds. */
export const requestPush = (orgId: string, trigger: SyncTriggerName = "push") => sendEvents([{ name: SYNC_EVENTS.push, data: { orgId, trigger } }]);

export const requestPull = (data: PullRequested) => sendEvents([{ name: SYNC_EVENTS.pull, data: { ...data } }]);

export const requestWebhookProcessing = (orgIds: string[]) => sendEvents(orgIds.map((orgId) => ({ name: SYNC_EVENTS.webhook, data: { orgId } })));

/** A connection made or re-authorised: the first import (then the push) starts. */
export const announceConnection = (orgId: string) => sendEvents([{ name: SYNC_EVENTS.connected, data: { orgId } }]);
