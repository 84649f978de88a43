import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { notifyUsers } from "@/lib/notifications/notify";
import { canSeeAmounts } from "@/lib/tenancy/roles";
import { ALERT_KIND_INFO, mayReceive, type AlertKind } from "./alert-kinds";
import { channelsFor } from "./alert-preferences";
import { queueWebhookMessage } from "./deliver-webhooks";

export interface AlertMessage {
  title: string;
  /** With amounts; members who may not see amounts get `bodyWithoutAmounts` (or no body). */
  body: string;
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

/**
 * Raises one alert: to each member it concerns, by the channels they chose (the notification
 * centre, email), and to the organisation's webhook when it takes this kind. An email that cannot
 * be sent is logged and does not stop the rest.
 */
export async function raiseAlert(db: Db, input: AlertInput): Promise<{ notified: number; emailed: number; webhook: boolean }> {
  const { orgId, kind, message } = input;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) return { notified: 0, emailed: 0, webhook: false };
  const members = input.userIds?.length === 0 ? [] : await db
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
  const bodyFor = (m: (typeof recipients)[number]) => (canSeeAmounts(org, m) ? message.body : (message.bodyWithoutAmounts ?? ""));

  let notified = 0;
  let emailed = 0;
  for (const m of recipients) {
    const chosen = channels.get(m.userId)!;
    if (chosen.inApp) {
      await notifyUsers(db, orgId, [m.userId], { kind: input.notificationKind ?? kind, title: message.title, body: bodyFor(m) || undefined, link: message.link });
      notified++;
    }
    if (chosen.email) {
      try {
        await sendMail(db, { to: m.email, subject: `${org.name}: ${message.title}`, text: `${bodyFor(m)}\n\nOpen in Ledgerbridge: ${getEnv().appUrl}${message.link}\n\nChoose which alerts you get in Settings > Alerts.`.trimStart() });
        emailed++;
      } catch (error) {
        getLogger().warn({ orgId, kind, userId: m.userId, err: error instanceof Error ? error.message : String(error) }, "alert email could not be sent");
      }
    }
  }
  const webhook = await queueWebhookMessage(db, orgId, kind, `*${message.title}*\n${message.body}\n<${getEnv().appUrl}${message.link}|Open in Ledgerbridge>`);
  return { notified, emailed, webhook };
}
