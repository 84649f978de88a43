import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { alertDeliveries, alertWebhooks, memberships, organizations, users } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { notifyUsers } from "@/lib/notifications/notify";
import { canSeeAmounts } from "@/lib/tenancy/roles";
import { ALERT_KIND_INFO, mayReceive, type AlertKind } from "./alert-kinds";
import { channelsFor } from "./alert-preferences";

export interface AlertMessage {
  title: string;
  /** With amounts; members who may not see amounts (and a channel not set to show them) get the `WithoutAmounts` texts. */
  body: string;
  titleWithoutAmounts?: string;
  bodyWithoutAmounts?: string;
  /** A path in the portal, e.g. /o/acme/reports/leakage. */
  link: string;
}

export interface AlertInput {
  orgId: string;
  kind: AlertKind;
  /** The notification centre's own kind where it is finer than the alert's (xero.needs_reauth). */
  notificationKind?: string;
  /** Only these members (a deal's owner); otherwise every member the kind's audience names. */
  userIds?: string[];
  message: AlertMessage;
}

/** Slack's formatting escapes: a deal called "<!channel>" is text, not a ping or a link. */
export const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Raises one alert: to each member it concerns by the channels they chose (the notification centre
 * now; an email queued), and to the organisation's webhook when it takes this kind (queued). Only
 * rows are written, in the caller's transaction: the alert, its emails and its post commit or roll
 * back together with what raised it, and nothing is sent from inside a transaction
 * (deliver-alerts.ts sends the queue after commit, with bounded retries).
 */
export async function raiseAlert(db: Db, input: AlertInput): Promise<{ notified: number; emailed: number; webhook: boolean }> {
  const { orgId, kind, message } = input;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) return { notified: 0, emailed: 0, webhook: false };
  const members =
    input.userIds?.length === 0
      ? []
      : await db
          .select({ userId: memberships.userId, role: memberships.role, canSeeAmounts: memberships.canSeeAmounts, email: users.email })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.orgId, orgId), input.userIds ? inArray(memberships.userId, input.userIds) : undefined));
  const audience = ALERT_KIND_INFO[kind].audience;
  const recipients = members.filter((m) => (input.userIds ? mayReceive(kind, m.role) : audience !== "deal_owner" && audience.includes(m.role)));
  const channels = await channelsFor(
    db,
    orgId,
    kind,
    recipients.map((r) => r.userId),
  );
  const textsFor = (amounts: boolean) => ({ title: amounts ? message.title : (message.titleWithoutAmounts ?? message.title), body: amounts ? message.body : (message.bodyWithoutAmounts ?? "") });
  const url = `${getEnv().appUrl}${message.link}`;

  // The notification centre: one insert for those who see amounts, one for those who do not.
  const inApp = recipients.filter((m) => channels.get(m.userId)!.inApp);
  for (const amounts of [true, false]) {
    const texts = textsFor(amounts);
    await notifyUsers(
      db,
      orgId,
      inApp.filter((m) => canSeeAmounts(org, m) === amounts).map((m) => m.userId),
      { kind: input.notificationKind ?? kind, title: texts.title, body: texts.body || undefined, link: message.link },
    );
  }
  const emails: (typeof alertDeliveries.$inferInsert)[] = [];
  for (const m of recipients) {
    const texts = textsFor(canSeeAmounts(org, m));
    if (channels.get(m.userId)!.email) {
      emails.push({ orgId, channel: "email", kind, recipient: m.email, subject: `${org.name}: ${texts.title}`, text: `${texts.body ? `${texts.body}\n\n` : ""}Open in Ledgerbridge: ${url}\n\nChoose which alerts you get in Settings > Alerts.` });
    }
  }
  const [hook] = await db
    .select({ includeAmounts: alertWebhooks.includeAmounts })
    .from(alertWebhooks)
    .where(and(eq(alertWebhooks.orgId, orgId), sql`${kind} = any(${alertWebhooks.kinds})`));
  const posts: (typeof alertDeliveries.$inferInsert)[] = [];
  if (hook) {
    const texts = textsFor(hook.includeAmounts);
    posts.push({ orgId, channel: "webhook", kind, text: `*${slackEscape(texts.title)}*${texts.body ? `\n${slackEscape(texts.body)}` : ""}\n<${url}|Open in Ledgerbridge>` });
  }
  if (emails.length || posts.length) await db.insert(alertDeliveries).values([...emails, ...posts]);
  return { notified: inApp.length, emailed: emails.length, webhook: !!hook };
}
