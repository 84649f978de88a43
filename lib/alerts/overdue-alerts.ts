import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations, xeroContacts, xeroInvoices, customers } from "@/db/schema";
import { formatMoney } from "@/lib/crm/money";
import { PAST_DUE_STAGES, pastDueStage } from "@/lib/reports/ageing-report";
import { contactCustomers, isLiveInvoice } from "@/lib/reports/money-rules";
import { claimAlertSubjects } from "./claim-alert-subjects";
import { raiseAlert } from "./raise-alert";

/** Lines an alert lists before it says "and N more". */
export const ALERT_LIST_LIMIT = 10;
/**
 * A stage entered longer ago than this is history, not news: the first run after connecting Xero
 * (or after the job was off) does not announce every old overdue invoice at once.
 */
export const OVERDUE_NEWS_DAYS = 7;

/**
 * The daily overdue alert: open sales invoices that are past due on `today`, entered their current
 * ageing stage within the last OVERDUE_NEWS_DAYS days and have not yet been alerted in it. Each
 * (invoice, stage) is raised once, whenever the job runs or reruns: the record of it and the alert
 * are one transaction, so a failure part way raises nothing and the rerun raises it. One alert lists
 * them all, so a morning with forty is one message, not forty.
 */
export async function raiseOverdueAlerts(db: Db, orgId: string, today: string): Promise<{ invoices: number }> {
  return db.transaction((tx) => raiseInTransaction(tx, orgId, today));
}

async function raiseInTransaction(db: Db, orgId: string, today: string): Promise<{ invoices: number }> {
  const { rows } = await db.execute<{ id: string; number: string | null; currency: string; amount_due: string; late: number; who: string | null }>(sql`
    with links as ${contactCustomers(orgId)}
    select i.xero_invoice_id as id, i.number, i.currency, i.amount_due::text as amount_due, (${today}::date - i.due_date) as late,
      coalesce(c.name, xc.name) as who
    from ${xeroInvoices} i
    left join links on links.xero_contact_id = i.xero_contact_id
    left join ${customers} c on c.id = links.customer_id
    left join ${xeroContacts} xc on xc.org_id = i.org_id and xc.xero_contact_id = i.xero_contact_id
    where i.org_id = ${orgId} and ${isLiveInvoice(sql`i.type`, sql`i.status`)} and i.amount_due > 0
      and i.due_date is not null and i.due_date < ${today}::date and i.date <= ${today}::date
      -- Only what entered its stage lately: the old overdue invoices are not read every morning.
      and (${sql.join(
        PAST_DUE_STAGES.map((s) => sql`(${today}::date - i.due_date) between ${s.low} and ${s.low + OVERDUE_NEWS_DAYS - 1}`),
        sql` or `,
      )})
    order by late desc, i.number`);
  const staged = rows.map((r) => ({ ...r, late: Number(r.late), stage: pastDueStage(Number(r.late))! }));
  const fresh = await claimAlertSubjects(
    db,
    orgId,
    "invoice.overdue",
    staged.map((r) => `${r.id}:${r.stage.key}`),
  );
  const raised = staged.filter((r) => fresh.has(`${r.id}:${r.stage.key}`));
  if (!raised.length) return { invoices: 0 };
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  const line = (r: (typeof raised)[number], amounts: boolean) => `${r.number ?? "Invoice"}${r.who ? ` · ${r.who}` : ""}${amounts ? ` · ${formatMoney(r.amount_due, r.currency)} due` : ""} · ${r.late} day${r.late === 1 ? "" : "s"} late (${r.stage.label})`;
  const list = (amounts: boolean) => [...raised.slice(0, ALERT_LIST_LIMIT).map((r) => line(r, amounts)), ...(raised.length > ALERT_LIST_LIMIT ? [`and ${raised.length - ALERT_LIST_LIMIT} more`] : [])].join("\n");
  await raiseAlert(db, {
    orgId,
    kind: "invoice.overdue",
    message: {
      title: raised.length === 1 ? `Overdue: ${raised[0].number ?? "an invoice"} is ${raised[0].stage.label} past due` : `${raised.length} invoices moved into an overdue stage`,
      body: list(true),
      bodyWithoutAmounts: list(false),
      link: `/o/${org.slug}/reports/cash-flow#ageing`,
    },
  });
  return { invoices: raised.length };
}
