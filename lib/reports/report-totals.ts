import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { compactContactTotals } from "./contact-totals";
import { compactDayTotals } from "./day-totals";

/**
 * Folds the reports' running totals (per contact and per day) back to a row each, after writes
 * appended their differences. The sync runs it after each pull and webhook round; the figures are
 * right without it, only slower to read.
 */
export async function foldReportTotals(db: Db, orgId: string): Promise<{ contacts: number; days: number }> {
  return db.transaction(async (tx) => {
    // One fold of an organisation at a time (a second would find nothing to fold and wait on the first's rows).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('report_totals'), hashtext(${orgId}))`);
    // Every fold is a bulk join of an organisation's rows with themselves. After a tenant's first
    // import the statistics still say it has no rows, and the planner then picks a nested loop over
    // the grouped rows: quadratic (40,000 contact rows did not finish in minutes). Hash joins are
    // right at every size here, so nested loops are ruled out for this transaction only.
    await tx.execute(sql`set local enable_nestloop = off`);
    return { contacts: await compactContactTotals(tx, orgId), days: await compactDayTotals(tx, orgId) };
  });
}
