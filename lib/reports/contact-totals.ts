import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { reportContactTotals, xeroInvoices } from "@/db/schema";
import { isLiveInvoice } from "./money-rules";

/** A contact's first live sales invoice's date, read from the invoices (the index on org and contact). */
const firstLiveDateOf = (orgId: string | SQL, contact: SQL) =>
  sql`(select min(i.date) from ${xeroInvoices} i where i.org_id = ${orgId} and i.xero_contact_id = ${contact} and ${isLiveInvoice(sql`i.type`, sql`i.status`)})`;

/**
 * One row per Xero contact of the organisation with its totals (report_contact_totals, kept by
 * triggers as appended deltas): `paid` (counted payments in base, each rounded to the cent),
 * `late_days` and `late_invoices` (over its PAID invoices with both dates) and `first_date` (its
 * first live invoice's date, null without one). A contact whose first date may have moved later
 * has it read from the invoices. Payments with no contact yet are under "(no contact)", which no link names.
 */
export function contactTotals(orgId: string): SQL {
  return sql`(
    select t.xero_contact_id, t.paid, t.late_days, t.late_invoices,
      case when t.recheck then ${firstLiveDateOf(orgId, sql`t.xero_contact_id`)} else t.first_candidate end as first_date
    from (
      select xero_contact_id, sum(paid) as paid, sum(paid_late_days) as late_days, sum(paid_late_invoices) as late_invoices,
        min(first_live_date) as first_candidate, bool_or(recheck_first) as recheck
      from ${reportContactTotals} where org_id = ${orgId} group by 1
    ) t
  )`;
}

/**
 * Folds each contact's appended rows into one (and drops contacts that no longer count), so reports
 * read about one row per contact. Exact under concurrent writes: the rows it deletes and the
 * invoices it reads a first date from are one snapshot, and a writer's rows committed after it are
 * not deleted, so they still count. Cheap when there is nothing to fold (one pass over the index).
 * Call it in the transaction that holds the fold's lock (foldReportTotals).
 */
export async function compactContactTotals(tx: Db, orgId: string): Promise<number> {
  const { rows } = await tx.execute<{ folded: number }>(sql`
      with due as (
        select xero_contact_id from ${reportContactTotals} where org_id = ${orgId}
        group by 1 having count(*) > 1 or bool_or(recheck_first)
      ), gone as (
        delete from ${reportContactTotals} t using due where t.org_id = ${orgId} and t.xero_contact_id = due.xero_contact_id
        returning t.*
      ), folded as (
        select xero_contact_id, sum(paid) as paid, sum(paid_late_days) as late_days, sum(paid_late_invoices) as late_invoices,
          case when bool_or(recheck_first) then ${firstLiveDateOf(orgId, sql`gone.xero_contact_id`)} else min(first_live_date) end as first_date
        from gone group by 1
      ), kept as (
        insert into ${reportContactTotals} (org_id, xero_contact_id, paid, paid_late_days, paid_late_invoices, first_live_date)
        select ${orgId}, xero_contact_id, paid, late_days, late_invoices, first_date from folded
        where paid <> 0 or late_days <> 0 or late_invoices <> 0 or first_date is not null
        returning 1
      )
      select (select count(*) from folded)::int as folded`);
  return rows[0].folded;
}
