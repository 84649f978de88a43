import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroReportSnapshots } from "@/db/schema";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";

export type XeroReportName = (typeof xeroReportSnapshots.$inferSelect)["report"];

/** A person's pull within this long of the last one answers from it: a button pressed in a loop costs one call a minute. */
export const SNAPSHOT_FRESH_MS = 60_000;

/** The kept snapshots of these reports for an organisation. */
export function reportSnapshots(db: Db, orgId: string, reports: XeroReportName[]) {
  return db
    .select()
    .from(xeroReportSnapshots)
    .where(and(eq(xeroReportSnapshots.orgId, orgId), inArray(xeroReportSnapshots.report, reports)));
}

export const isFresh = (snapshot: { fetchedAt: Date }, now: Date) => now.getTime() - snapshot.fetchedAt.getTime() < SNAPSHOT_FRESH_MS;

/** Keeps one report's figures (replacing the last pull), only if the books that answered are still the connected ones. */
export async function saveReportSnapshot(db: Db, orgId: string, xeroTenantId: string, report: XeroReportName, reportDate: string, figures: Record<string, string>, now: Date) {
  const values = { orgId, report, xeroTenantId, reportDate, figures, fetchedAt: now };
  const [row] = await writeForXeroTenant(db, orgId, xeroTenantId, (tx) =>
    tx
      .insert(xeroReportSnapshots)
      .values(values)
      .onConflictDoUpdate({ target: [xeroReportSnapshots.orgId, xeroReportSnapshots.report], set: values })
      .returning(),
  );
  return row;
}
