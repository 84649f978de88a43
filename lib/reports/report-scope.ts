import { eq, max } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations, syncCursors, xeroWebhookEvents } from "@/db/schema";
import { todayIn } from "@/lib/calendar";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { forbidden } from "@/lib/errors";

/** What every report of one organisation is computed against. */
export interface ReportScope {
  orgId: string;
  /** The Xero organisation's base currency (the sync aligns the portal's with it on connect). */
  currency: string;
  /** Today where the organisation is. */
  today: string;
  /** The organisation's timezone: the day of a moment (a deal's win) is taken there. */
  timezone: string;
  /** The monthly revenue goal in the base currency, or null when none is set. */
  monthlyGoal: string | null;
}

/**
 * Reports are money: only members who see amounts (owners, admins, finance, and sales members
 * allowed amounts) and keys with amounts may read them. Checked here, in the data layer, so a page,
 * an export and the API cannot differ.
 */
export async function reportScope(db: Db, actor: Pick<CrmActor, "orgId" | "canSeeAmounts">, now = new Date()): Promise<ReportScope> {
  if (!actor.canSeeAmounts) throw forbidden("Reports show amounts, which your role does not. Ask an owner or admin to let you see amounts.");
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.orgId));
  return { orgId: org.id, currency: org.baseCurrency, today: todayIn(org.timezone, now), timezone: org.timezone, monthlyGoal: org.monthlyRevenueGoal };
}

/** How fresh the mirrored books are: the last completed pull and the last webhook change applied. */
export async function reportFreshness(db: Db, orgId: string): Promise<{ lastPullAt: Date | null; lastWebhookAt: Date | null }> {
  const [[pull], [hook]] = await Promise.all([
    db.select({ at: max(syncCursors.lastPullAt) }).from(syncCursors).where(eq(syncCursors.orgId, orgId)),
    db.select({ at: max(xeroWebhookEvents.processedAt) }).from(xeroWebhookEvents).where(eq(xeroWebhookEvents.orgId, orgId)),
  ]);
  return { lastPullAt: pull?.at ?? null, lastWebhookAt: hook?.at ?? null };
}
