import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { alertDeliveries, type AlertDelivery } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { webhookUrlOf } from "./alert-webhook";
import { postWebhookMessage, type PostOutcome } from "./post-webhook";

/** Attempts per message, then it stays failed with its last error: never retried forever. */
export const DELIVERY_MAX_ATTEMPTS = 5;
/** Nor is a message kept trying past a day, however often it was only told to wait (429). */
export const DELIVERY_MAX_AGE_MS = 24 * 3_600_000;
/** The wait after the 1st, 2nd, 3rd and 4th failed attempt. */
export const DELIVERY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
/** A claim covers one attempt (a webhook gives up after 5 s; SMTP has its own timeouts). */
const LEASE = sql`now() + interval '2 minutes'`;

type Claimed = Pick<AlertDelivery, "id" | "orgId" | "channel" | "kind" | "recipient" | "subject" | "text" | "attempts" | "createdAt"> & { lease: string };

/** Claims the next due message (SKIP LOCKED): two workers never take the same one. */
async function claimNext(db: Db, orgId?: string): Promise<Claimed | null> {
  const { rows } = await db.execute<{ id: string; org_id: string; channel: string; kind: string; recipient: string | null; subject: string | null; text: string; attempts: number; created_at: string; lease: string }>(sql`
    update ${alertDeliveries} set lease_until = ${LEASE}
    where id = (
      select id from ${alertDeliveries}
      where status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())${orgId ? sql` and org_id = ${orgId}` : sql``}
      order by next_attempt_at limit 1 for update skip locked)
    returning id, org_id, channel, kind, recipient, subject, text, attempts, created_at, lease_until::text as lease`);
  const r = rows[0];
  return r ? { id: r.id, orgId: r.org_id, channel: r.channel, kind: r.kind, recipient: r.recipient, subject: r.subject, text: r.text, attempts: r.attempts, createdAt: new Date(r.created_at), lease: r.lease } : null;
}

async function send(db: Db, row: Claimed): Promise<PostOutcome> {
  if (row.channel === "email") {
    try {
      await sendMail(db, { to: row.recipient!, subject: row.subject ?? "Ledgerbridge alert", text: row.text });
      return { ok: true };
    } catch (error) {
      return { ok: false, permanent: false, error: `The mail server refused or did not answer (${error instanceof Error ? error.message.slice(0, 120) : "unknown error"}).` };
    }
  }
  let url: string | null;
  try {
    url = await webhookUrlOf(db, row.orgId);
  } catch {
    return { ok: false, permanent: true, error: "The saved webhook URL cannot be decrypted (was TOKEN_ENCRYPTION_KEY changed without keeping the old one?). Save the URL again." };
  }
  if (!url) return { ok: false, permanent: true, error: "No webhook is set for the organisation any more." };
  return postWebhookMessage(url, row.text, { publicOnly: getEnv().mode === "production" });
}

/** Records an attempt's outcome, only while the claim is still this attempt's (a removed webhook's failed rows stay failed). */
async function record(db: Db, row: Claimed, outcome: PostOutcome): Promise<"delivered" | "pending" | "failed"> {
  const mine = and(eq(alertDeliveries.id, row.id), eq(alertDeliveries.status, "pending"), sql`${alertDeliveries.leaseUntil} = ${row.lease}::timestamptz`);
  if (outcome.ok) {
    await db.update(alertDeliveries).set({ status: "delivered", attempts: row.attempts + 1, deliveredAt: new Date(), leaseUntil: null, lastError: null }).where(mine);
    return "delivered";
  }
  // Being told to wait (429) is not a failed attempt; the message's age still bounds it.
  const attempts = outcome.rateLimited ? row.attempts : row.attempts + 1;
  const tooOld = Date.now() - row.createdAt.getTime() > DELIVERY_MAX_AGE_MS;
  // A test message is a question asked now: its answer is shown at once, not retried later.
  const giveUp = outcome.permanent || attempts >= DELIVERY_MAX_ATTEMPTS || tooOld || row.kind === "test";
  const waitMs = Math.max(outcome.rateLimited ? 30_000 : DELIVERY_BACKOFF_MS[Math.min(Math.max(attempts - 1, 0), DELIVERY_BACKOFF_MS.length - 1)], outcome.retryAfterMs ?? 0);
  const why = outcome.permanent ? " (the answer will not change on a retry: check the URL in Settings > Alerts)" : tooOld ? " over a day" : "";
  const lastError = giveUp ? `${outcome.error} Gave up after ${Math.max(attempts, 1)} attempt${Math.max(attempts, 1) === 1 ? "" : "s"}${why}.` : outcome.error;
  await db
    .update(alertDeliveries)
    .set({ status: giveUp ? "failed" : "pending", attempts, lastError, leaseUntil: null, nextAttemptAt: sql`now() + ${`${waitMs} milliseconds`}::interval` })
    .where(mine);
  if (!giveUp && row.channel === "webhook") {
    // The hook is down or asked us to slow down: its other messages wait as long, instead of each
    // spending a timeout (and an attempt) on it in this run.
    await db
      .update(alertDeliveries)
      .set({ nextAttemptAt: sql`now() + ${`${waitMs} milliseconds`}::interval` })
      .where(and(eq(alertDeliveries.orgId, row.orgId), eq(alertDeliveries.channel, "webhook"), eq(alertDeliveries.status, "pending"), lt(alertDeliveries.nextAttemptAt, sql`now() + ${`${waitMs} milliseconds`}::interval`)));
  }
  // The URL and the address are not logged: the organisation, the message and what went wrong are.
  getLogger().warn({ orgId: row.orgId, deliveryId: row.id, channel: row.channel, kind: row.kind, attempts, gaveUp: giveUp, error: outcome.error }, "alert delivery failed");
  return giveUp ? "failed" : "pending";
}

/** One attempt at a claimed message; an unexpected error is recorded on the row, never left to block the queue. */
async function attempt(db: Db, row: Claimed): Promise<"delivered" | "pending" | "failed"> {
  let outcome: PostOutcome;
  try {
    outcome = await send(db, row);
  } catch (error) {
    outcome = { ok: false, permanent: false, error: `Sending failed unexpectedly (${error instanceof Error ? error.message.slice(0, 120) : String(error)}).` };
  }
  return record(db, row, outcome);
}

/**
 * Sends the messages that are due, one claim at a time (each claim is a lease on the database
 * clock, taken just before its attempt), until none is due or the run's budget is spent
 * (`orgId` keeps to one organisation's, for a test or an admin's retry).
 */
export async function deliverDueAlerts(db: Db, budget: { messages?: number; ms?: number; orgId?: string } = {}): Promise<{ delivered: number; retrying: number; failed: number }> {
  const counts = { delivered: 0, retrying: 0, failed: 0 };
  const started = Date.now();
  for (let n = 0; n < (budget.messages ?? 100) && Date.now() - started < (budget.ms ?? 40_000); n++) {
    const row = await claimNext(db, budget.orgId);
    if (!row) break;
    const result = await attempt(db, row);
    if (result === "delivered") counts.delivered++;
    else if (result === "pending") counts.retrying++;
    else counts.failed++;
  }
  return counts;
}

/** The settings page's "Send a test message": one attempt now, recorded in the log like any other. */
export async function sendTestWebhookMessage(db: Db, orgId: string, orgName: string): Promise<{ status: "delivered" | "pending" | "failed"; error: string | null }> {
  const [row] = await db
    .insert(alertDeliveries)
    .values({ orgId, channel: "webhook", kind: "test", text: `Ledgerbridge test message for ${orgName}: alerts will arrive here.`, leaseUntil: LEASE })
    .returning({ id: alertDeliveries.id, orgId: alertDeliveries.orgId, channel: alertDeliveries.channel, kind: alertDeliveries.kind, recipient: alertDeliveries.recipient, subject: alertDeliveries.subject, text: alertDeliveries.text, attempts: alertDeliveries.attempts, createdAt: alertDeliveries.createdAt, lease: sql<string>`${alertDeliveries.leaseUntil}::text` });
  const status = await attempt(db, row);
  const [after] = await db.select({ lastError: alertDeliveries.lastError }).from(alertDeliveries).where(eq(alertDeliveries.id, row.id));
  return { status, error: after?.lastError ?? null };
}
