import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations, xeroConnections } from "@/db/schema";
import { hourIn, todayIn } from "@/lib/calendar";

/** The hour of the organisation's own morning from which its daily alerts go out. */
export const DAILY_ALERTS_LOCAL_HOUR = 7;

/**
 * The organisations whose morning alerts are due: Xero connected (a paused connection's mirror is
 * stale, and would announce invoices paid since as overdue), and it is 07:00 or later where the
 * organisation is. Each comes with its own today; a later hour's run asks again for the same day,
 * which the run's event id and the alerts' once-only record turn into nothing.
 */
export async function organisationsDueForDailyAlerts(db: Db, now = new Date()): Promise<{ orgId: string; today: string }[]> {
  const rows = await db.select({ orgId: organizations.id, timezone: organizations.timezone }).from(organizations).innerJoin(xeroConnections, eq(xeroConnections.orgId, organizations.id)).where(eq(xeroConnections.status, "connected"));
  return rows.filter((r) => hourIn(r.timezone, now) >= DAILY_ALERTS_LOCAL_HOUR).map((r) => ({ orgId: r.orgId, today: todayIn(r.timezone, now) }));
}
