import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { alertWebhookDeliveries, alertWebhooks, type AlertWebhookDelivery } from "@/db/schema";
import { getLogger } from "@/lib/log/logger";
import { webhookUrlOf } from "./alert-webhook";

/** Attempts per message, then it stays failed with its last error: never retried forever. */
export const WEBHOOK_MAX_ATTEMPTS = 5;
/** The wait after the 1st, 2nd, 3rd and 4th failed attempt. */
export const WEBHOOK_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
const TIMEOUT_MS = 5_000;
/** Answers that will not change on a retry: the hook is gone, disabled or refuses the message. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 410]);

type PostOutcome = { ok: true } | { ok: false; permanent: boolean; error: string; retryAfterMs?: number };

/** POSTs a Slack-style `{"text": ...}` message; the answer is read only to explain a refusal. */
export async function postWebhookMessage(url: string, text: string): Promise<PostOutcome> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }), signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
    if (res.ok) return { ok: true };
    const said = (await res.text().catch(() => "")).replace(/\s+/g, " ").trim().slice(0, 200);
    const retryAfter = Number(res.headers.get("retry-after"));
    return {
      ok: false,
      permanent: PERMANENT_STATUSES.has(res.status),
      error: `The webhook answered HTTP ${res.status}${said ? `: ${said}` : ""}.`,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 3600) * 1000 : undefined,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, permanent: false, error: timedOut ? `The webhook did not answer within ${TIMEOUT_MS / 1000} s.` : `The webhook could not be reached${cause ? ` (${cause})` : ""}.` };
  }
}

/** Makes one attempt at a claimed message and records the outcome on its row. */
export async function attemptDelivery(db: Db, row: Pick<AlertWebhookDelivery, "id" | "orgId" | "kind" | "text" | "attempts">): Promise<"delivered" | "pending" | "failed"> {
  const url = await webhookUrlOf(db, row.orgId);
  const attempts = row.attempts + 1;
  const outcome: PostOutcome = url ? await postWebhookMessage(url, row.text) : { ok: false, permanent: true, error: "No webhook is set for the organisation any more." };
  if (outcome.ok) {
    await db.update(alertWebhookDeliveries).set({ status: "delivered", attempts, deliveredAt: new Date(), leaseUntil: null, lastError: null }).where(eq(alertWebhookDeliveries.id, row.id));
    return "delivered";
  }
  // A test message is a question asked now: its answer is shown at once, not retried later.
  const giveUp = outcome.permanent || attempts >= WEBHOOK_MAX_ATTEMPTS || row.kind === "test";
  const waitMs = Math.max(WEBHOOK_BACKOFF_MS[Math.min(attempts - 1, WEBHOOK_BACKOFF_MS.length - 1)], outcome.retryAfterMs ?? 0);
  const lastError = giveUp ? `${outcome.error} Gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}${outcome.permanent ? " (the answer will not change on a retry: check the URL in Settings > Alerts)" : ""}.` : outcome.error;
  await db
    .update(alertWebhookDeliveries)
    .set({ status: giveUp ? "failed" : "pending", attempts, lastError, leaseUntil: null, nextAttemptAt: sql`now() + ${`${waitMs} milliseconds`}::interval` })
    .where(eq(alertWebhookDeliveries.id, row.id));
  // The URL is a secret: the log names the organisation and the message, never where it went.
  getLogger().warn({ orgId: row.orgId, deliveryId: row.id, kind: row.kind, attempts, gaveUp: giveUp, error: outcome.error }, "alert webhook delivery failed");
  return giveUp ? "failed" : "pending";
}

/**
 * Delivers the messages that are due, a few at a time. A claim is a 30-second lease on the database
 * clock (SKIP LOCKED), so two workers never post one message twice and a crashed one's rows come back.
 */
export async function deliverDueWebhooks(db: Db, limit = 20): Promise<{ delivered: number; retrying: number; failed: number }> {
  const claimed = await db.execute<{ id: string; org_id: string; kind: string; text: string; attempts: number }>(sql`
    update ${alertWebhookDeliveries} set lease_until = now() + interval '30 seconds'
    where id in (
      select id from ${alertWebhookDeliveries}
      where status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
      order by next_attempt_at limit ${limit} for update skip locked)
    returning id, org_id, kind, text, attempts`);
  const counts = { delivered: 0, retrying: 0, failed: 0 };
  for (const r of claimed.rows) {
    const result = await attemptDelivery(db, { id: r.id, orgId: r.org_id, kind: r.kind, text: r.text, attempts: r.attempts });
    if (result === "delivered") counts.delivered++;
    else if (result === "pending") counts.retrying++;
    else counts.failed++;
  }
  return counts;
}

/** Queues a message for the organisation's webhook when it has one that takes this kind. */
export async function queueWebhookMessage(db: Db, orgId: string, kind: string, text: string): Promise<boolean> {
  const [hook] = await db
    .select({ orgId: alertWebhooks.orgId })
    .from(alertWebhooks)
    .where(and(eq(alertWebhooks.orgId, orgId), sql`${kind} = any(${alertWebhooks.kinds})`));
  if (!hook) return false;
  await db.insert(alertWebhookDeliveries).values({ orgId, kind, text });
  return true;
}

/** The settings page's "Send a test message": one attempt now, recorded in the log like any other. */
export async function sendTestWebhookMessage(db: Db, orgId: string, orgName: string): Promise<{ status: "delivered" | "pending" | "failed"; error: string | null }> {
  const [row] = await db
    .insert(alertWebhookDeliveries)
    .values({ orgId, kind: "test", text: `Ledgerbridge test message for ${orgName}: alerts will arrive here.`, leaseUntil: sql`now() + interval '30 seconds'` })
    .returning();
  const status = await attemptDelivery(db, row);
  const [after] = await db.select({ lastError: alertWebhookDeliveries.lastError }).from(alertWebhookDeliveries).where(eq(alertWebhookDeliveries.id, row.id));
  return { status, error: after?.lastError ?? null };
}
