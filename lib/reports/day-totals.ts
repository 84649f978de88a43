import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { reportDayTotals } from "@/db/schema";

/**
 * Invoiced, credited and collected per day dated in [start, end), in the base currency (each
 * document at its own rate, rounded to the cent): the sums of report_day_totals' appended rows,
 * kept by triggers on the mirrors (migration 0032).
 */
export function dayTotals(orgId: string, start: string, end: string): SQL {
  return sql`(
    select day, sum(invoiced) as invoiced, sum(credited) as credited, sum(collected) as collected
    from ${reportDayTotals} where org_id = ${orgId} and day >= ${start}::date and day < ${end}::date group by 1
  )`;
}

/**
 * Folds each day's appended rows into one (and drops days that sum to nothing). Exact under
 * concurrent writes for the same reason as compactContactTotals (contact-totals.ts): it deletes only the rows its
 * snapshot sees, and writes back their sum. Call it in the transaction that holds the fold's lock.
 */
export async function compactDayTotals(tx: Db, orgId: string): Promise<number> {
  const { rows } = await tx.execute<{ folded: number }>(sql`
    with due as (
      select day from ${reportDayTotals} where org_id = ${orgId} group by 1 having count(*) > 1
    ), gone as (
      delete from ${reportDayTotals} t using due where t.org_id = ${orgId} and t.day = due.day returning t.*
    ), folded as (
      select day, sum(invoiced) as invoiced, sum(credited) as credited, sum(collected) as collected from gone group by 1
    ), kept as (
      insert into ${reportDayTotals} (org_id, day, invoiced, credited, collected)
      select ${orgId}, day, invoiced, credited, collected from folded where invoiced <> 0 or credited <> 0 or collected <> 0
      returning 1
    )
    select (select count(*) from folded)::int as folded`);
  return rows[0].folded;
}
