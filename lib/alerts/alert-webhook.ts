import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { alertDeliveries, alertWebhooks } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ALERT_KINDS, isAlertKind, type AlertKind } from "./alert-kinds";
import { parseWebhookUrl, webhookUrlHint } from "./webhook-url";

export const alertWebhookInput = z.object({
  /** Empty keeps the saved URL (the page never shows it back), so only the kinds change. */
  url: z.string().max(4000).default(""),
  kinds: z.array(z.string()).max(ALERT_KINDS.length),
  includeAmounts: z.boolean().default(false),
});

export interface AlertWebhookView {
  urlHint: string;
  kinds: AlertKind[];
  includeAmounts: boolean;
  updatedAt: Date;
}

export async function getAlertWebhook(db: Db, orgId: string): Promise<AlertWebhookView | null> {
  const [row] = await db.select().from(alertWebhooks).where(eq(alertWebhooks.orgId, orgId));
  return row ? { urlHint: row.urlHint, kinds: row.kinds.filter(isAlertKind), includeAmounts: row.includeAmounts, updatedAt: row.updatedAt } : null;
}

/** Saves the organisation's webhook (the URL sealed) and which alerts go to it. */
export async function saveAlertWebhook(db: Db, orgId: string, userId: string, input: z.input<typeof alertWebhookInput>): Promise<AlertWebhookView> {
  const unknown = input.kinds.filter((k) => !isAlertKind(k));
  if (unknown.length) throw new AppError("validation", `Unknown alert kind "${unknown[0]}".`, [{ field: "kinds", message: `Choose from: ${ALERT_KINDS.join(", ")}.` }]);
  if (new Set(input.kinds).size !== input.kinds.length) throw new AppError("validation", "An alert kind is ticked twice.", [{ field: "kinds", message: "Tick each alert kind once." }]);
  const existing = await getAlertWebhook(db, orgId);
  const rawUrl = input.url ?? "";
  if (!rawUrl.trim() && existing) {
    await db.update(alertWebhooks).set({ kinds: input.kinds, includeAmounts: input.includeAmounts ?? false, updatedBy: userId, updatedAt: new Date() }).where(eq(alertWebhooks.orgId, orgId));
    return (await getAlertWebhook(db, orgId))!;
  }
  const url = parseWebhookUrl(rawUrl, getEnv().mode);
  const values = { urlSealed: seal(url.toString()).sealed, urlHint: webhookUrlHint(url), kinds: input.kinds, includeAmounts: input.includeAmounts ?? false, updatedBy: userId, updatedAt: new Date() };
  await db
    .insert(alertWebhooks)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: alertWebhooks.orgId, set: values });
  return (await getAlertWebhook(db, orgId))!;
}

/** Removes the webhook; messages still waiting for it are marked failed with the reason. */
export async function removeAlertWebhook(db: Db, orgId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(alertWebhooks).where(eq(alertWebhooks.orgId, orgId));
    await tx
      .update(alertDeliveries)
      .set({ status: "failed", lastError: "The webhook was removed before this message was delivered." })
      .where(and(eq(alertDeliveries.orgId, orgId), eq(alertDeliveries.channel, "webhook"), eq(alertDeliveries.status, "pending")));
  });
}

/** The webhook's URL, opened for a delivery; null when none is set. */
export async function webhookUrlOf(db: Db, orgId: string): Promise<string | null> {
  const [row] = await db.select({ urlSealed: alertWebhooks.urlSealed }).from(alertWebhooks).where(eq(alertWebhooks.orgId, orgId));
  return row ? open(row.urlSealed) : null;
}

/** The webhook's recent messages, newest first: what was sent, what failed and why. */
export async function listWebhookDeliveries(db: Db, orgId: string, limit = 20) {
  return db
    .select()
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.orgId, orgId), eq(alertDeliveries.channel, "webhook")))
    .orderBy(desc(alertDeliveries.createdAt))
    .limit(limit);
}
