import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { customers, deals, leakageDismissals, pipelineStages, subscriptionPeriodDismissals, subscriptions, xeroInvoices } from "@/db/schema";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { notFound } from "@/lib/errors";
import { LIVE_INVOICE_STATUSES, sumDecimals } from "./money-rules";
import { reportRows } from "./report-rows";
import type { ReportScope } from "./report-scope";

export const LEAKAGE_KINDS = ["currency_mismatch", "amount_mismatch", "not_approved", "voided", "no_invoice", "subscription_period"] as const;
export type LeakageKind = (typeof LEAKAGE_KINDS)[number];

export type LeakageRow = {
  kind: LeakageKind;
  /** The won deal; null for a subscription's period. */
  dealId: string | null;
  /** The deal's title, or the subscription's name ("Subscription of Acme (monthly)"). */
  dealTitle: string;
  /** Our id of the invoice the row is about (the newest live one, or the draft or voided one); null for no_invoice. */
  invoiceId: string | null;
  xeroInvoiceId: string | null;
  invoiceNumber: string | null;
  /** The deal's currency: the amount is in it. */
  currency: string;
  amount: string;
  wonAt: string | null;
  /** subscription_period: the subscription, its customer and the period's first billing date. */
  subscriptionId: string | null;
  customerId: string | null;
  period: string | null;
};

export interface LeakageReport {
  rows: LeakageRow[];
  totals: { currency: string; amount: string }[];
}

const live = sql.join(LIVE_INVOICE_STATUSES.map((s) => sql`${s}`), sql`, `);

/**
 * The invoice a row names, as [id, Xero id, number]: the newest live one, else the newest draft or
 * submitted, else the newest voided. One ordered aggregate (live ranks first, then draft, then
 * voided; newest first within a rank, the id last) rather than one per rank. Only the list needs it.
 */
const NAMING_RANK = sql`case when l.status in (${live}) then 0 when l.status in ('DRAFT', 'SUBMITTED') then 1 when l.status = 'VOIDED' then 2 end`;
const NAMING_AGGREGATES = sql`(array_agg(array[l.id::text, l.xero_invoice_id, l.number] order by ${NAMING_RANK}, l.date desc, l.xero_updated_at desc, l.id) filter (where ${NAMING_RANK} is not null))[1:1] as pick`;

/** The named invoice's id, Xero id and number. */
const pick = (field: 1 | 2 | 3) => sql.raw(`c.pick[1][${field}]`);
const NAMING_COLUMNS = sql`${pick(1)}::uuid as "invoiceId", ${pick(2)} as "xeroInvoiceId", ${pick(3)} as "invoiceNumber",`;

/**
 * Won deals whose billing does not match, first match wins per deal (its linked invoices: the deal
 * marker in the Reference, or the portal's link; deleted ones ignored):
 * a live invoice exists -> `currency_mismatch` (a live invoice in another currency than the deal's,
 * at the deal amount), else `amount_mismatch` (the live invoices' amounts before tax, SubTotal or
 * Total when tax-inclusive, differ from the deal amount: at the difference); else a draft or
 * submitted one -> `not_approved`; else a voided one -> `voided`; else `no_invoice`; the last three
 * at the deal amount. A credit note does not change an invoice's amounts, so an invoice credited to
 * nothing is not leakage. Dismissed rows are left out of the list and the totals.
 * As a query: the report lists it, the dashboard sums it.
 */
function leakageRows(scope: ReportScope, named = true) {
  return sql`
    with won as (
      -- Through the won stages' own index entries (org, stage), not a read of every deal.
      select d.id, d.title, d.amount, d.currency, d.won_at, d.xero_invoice_id
      from ${pipelineStages} s cross join lateral (
        select * from ${deals} where ${deals.orgId} = ${scope.orgId} and ${deals.stageId} = s.id offset 0
      ) d
      where s.org_id = ${scope.orgId} and s.kind = 'won'
    ), links as (
      select won.id as deal_id, i.id, i.xero_invoice_id, i.number, i.status, i.currency, i.date, i.xero_updated_at,
        case when i.line_amount_types = 'Inclusive' then i.total else i.sub_total end as before_tax
      -- Each won deal's invoices by the (org, deal) index: a hash join would read every invoice of the organisation.
      from won cross join lateral (
        select * from ${xeroInvoices} x where x.org_id = ${scope.orgId} and x.deal_id = won.id offset 0
      ) i
      where i.type = 'ACCREC' and i.status <> 'DELETED'
      -- The portal's link, for an invoice not already found by its deal marker: looked up by key for
      -- the deals that have one (a hash join here would read every invoice of the organisation).
      union all
      select won.id, i.id, i.xero_invoice_id, i.number, i.status, i.currency, i.date, i.xero_updated_at,
        case when i.line_amount_types = 'Inclusive' then i.total else i.sub_total end
      from won cross join lateral (
        select * from ${xeroInvoices} x where x.org_id = ${scope.orgId} and x.xero_invoice_id = won.xero_invoice_id limit 1
      ) i
      where won.xero_invoice_id is not null and i.type = 'ACCREC' and i.status <> 'DELETED' and i.deal_id is distinct from won.id
    ), per_deal as (
      select won.*,
        bool_or(l.status in (${live})) as has_live,
        bool_or(l.status in (${live}) and l.currency <> won.currency) as other_currency,
        sum(l.before_tax) filter (where l.status in (${live})) as live_amount,
        bool_or(l.status in ('DRAFT', 'SUBMITTED')) as has_draft,
        bool_or(l.status = 'VOIDED') as has_voided
        ${named ? sql`, ${NAMING_AGGREGATES}` : sql``}
      from won left join links l on l.deal_id = won.id
      group by won.id, won.title, won.amount, won.currency, won.won_at, won.xero_invoice_id
    ), classified as (
      select *,
        case
          when has_live and other_currency then 'currency_mismatch'
          when has_live and live_amount <> amount then 'amount_mismatch'
          when has_live then null
          when has_draft then 'not_approved'
          when has_voided then 'voided'
          else 'no_invoice'
        end as kind
      from per_deal
    )
    select c.kind, c.id as "dealId", c.title as "dealTitle",
      ${named ? NAMING_COLUMNS : sql`null::uuid as "invoiceId", null::text as "xeroInvoiceId", null::text as "invoiceNumber",`}
      c.currency, (case when c.kind = 'amount_mismatch' then abs(c.live_amount - c.amount) else c.amount end)::numeric(16, 2)::text as amount,
      to_char(c.won_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "wonAt",
      null::uuid as "subscriptionId", null::uuid as "customerId", null::text as period
    from classified c
    where c.kind is not null
      and not exists (select 1 from ${leakageDismissals} d where d.org_id = ${scope.orgId} and d.deal_id = c.id and d.kind = c.kind)
    union all
    ${subscriptionPeriods(scope)}`;
}

/**
 * `subscription_period`: an active subscription's billing date before today, from the first one its
 * Xero repeating invoice covers, with no invoice of the subscription (not deleted or voided) dated
 * in that period (from the billing date to the next one: Xero may run a day late, and the 31st bills
 * on a shorter month's last day). At the subscription's amount, in its currency.
 */
function subscriptionPeriods(scope: ReportScope) {
  return sql`
    select 'subscription_period' as kind, null::uuid as "dealId", 'Subscription of ' || c.name || ' (' || s.interval || ')' as "dealTitle",
      null::uuid as "invoiceId", null::text as "xeroInvoiceId", null::text as "invoiceNumber",
      s.currency, s.amount::numeric(16, 2)::text as amount, null::text as "wonAt",
      s.id as "subscriptionId", s.customer_id as "customerId", p.period::text as period
    from ${subscriptions} s
    join ${customers} c on c.id = s.customer_id
    cross join lateral (
      select k, case when s.interval = 'weekly' then 7 else 0 end as days, case s.interval when 'monthly' then 1 when 'quarterly' then 3 when 'yearly' then 12 else 0 end as months
      -- As many periods as fit between the first billing date and today, for the interval: weeks, or months by 1, 3 or 12.
      from generate_series(0, greatest(0, case when s.interval = 'weekly' then (${scope.today}::date - s.xero_billing_from) / 7
        else (extract(year from age(${scope.today}::date, s.xero_billing_from)) * 12 + extract(month from age(${scope.today}::date, s.xero_billing_from)))::integer
          / case s.interval when 'quarterly' then 3 when 'yearly' then 12 else 1 end end + 1)) k
    ) n
    cross join lateral (
      select (s.xero_billing_from + n.days * n.k + make_interval(months => n.months * n.k))::date as period,
        (s.xero_billing_from + n.days * (n.k + 1) + make_interval(months => n.months * (n.k + 1)))::date as next_period
    ) p
    where s.org_id = ${scope.orgId} and s.status = 'active' and s.xero_billing_from is not null
      and p.period < ${scope.today}::date and (s.end_date is null or p.period <= s.end_date)
      and not exists (
        select 1 from ${xeroInvoices} i
        where i.org_id = ${scope.orgId} and i.subscription_id = s.id and i.status not in ('DELETED', 'VOIDED')
          and i.date >= p.period and i.date < p.next_period)
      and not exists (select 1 from ${subscriptionPeriodDismissals} d where d.org_id = ${scope.orgId} and d.subscription_id = s.id and d.period = p.period)`;
}

/** The leakage list, newest win first, with its totals per currency. */
export async function leakageReport(db: Db, scope: ReportScope): Promise<LeakageReport> {
  const rows = await reportRows<LeakageRow>(db, leakageRows(scope), sql`coalesce(r."wonAt", r.period) desc nulls last, r."dealId", r."subscriptionId", r.period`);
  const byCurrency = new Map<string, string[]>();
  for (const r of rows) {
    const amounts = byCurrency.get(r.currency) ?? [];
    amounts.push(r.amount);
    byCurrency.set(r.currency, amounts);
  }
  const totals = [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amounts]) => ({ currency, amount: sumDecimals(amounts) }));
  return { rows, totals };
}

/** Money at risk per currency, the same figures as the report's totals, summed in SQL. */
export async function leakageTotals(db: Db, scope: ReportScope): Promise<LeakageReport["totals"]> {
  const { rows } = await db.execute<{ currency: string; amount: string }>(
    sql`select currency, sum(amount::numeric)::numeric(18, 2)::text as amount from (${leakageRows(scope, false)}) leakage group by currency order by currency`,
  );
  return rows;
}

export const dismissLeakageInput = z
  .object({
    dealId: z.uuid({ error: "dealId must be the id of a deal in the leakage list." }).optional(),
    subscriptionId: z.uuid({ error: "subscriptionId must be the id of a subscription in the leakage list." }).optional(),
    period: z.iso.date({ error: "period must be the period's billing date, like 2026-10-10." }).optional(),
    kind: z.enum(LEAKAGE_KINDS, { error: `kind must be one of ${LEAKAGE_KINDS.join(", ")}.` }),
    reason: z
      .string({ error: "reason is required: say why this is not leakage (for example: free pilot)." })
      .trim()
      .min(3, "reason must say why this is not leakage, in at least 3 characters.")
      .max(500, "reason must be at most 500 characters."),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "subscription_period") {
      if (!v.subscriptionId) ctx.addIssue({ code: "custom", path: ["subscriptionId"], message: "A subscription_period row is dismissed by its subscriptionId and period." });
      if (!v.period) ctx.addIssue({ code: "custom", path: ["period"], message: "A subscription_period row is dismissed by its subscriptionId and period." });
    } else if (!v.dealId) ctx.addIssue({ code: "custom", path: ["dealId"], message: "dealId is required: the deal of the leakage row." });
  });

/**
 * Dismisses one leakage row: only a row the report shows now (another organisation's deal or
 * subscription, or one with no such problem, answers not found), recorded with who and why.
 */
export async function dismissLeakage(db: Db, scope: ReportScope, actor: Pick<CrmActor, "userId">, input: z.infer<typeof dismissLeakageInput>): Promise<void> {
  const shownWhere =
    input.kind === "subscription_period"
      ? sql`leakage."subscriptionId" = ${input.subscriptionId!} and leakage.period = ${input.period!}`
      : sql`leakage."dealId" = ${input.dealId!}`;
  const { rows } = await db.execute(sql`select 1 from (${leakageRows(scope)}) leakage where ${shownWhere} and leakage.kind = ${input.kind} limit 1`);
  if (!rows.length) throw notFound("That leakage row");
  if (input.kind === "subscription_period") {
    await db.insert(subscriptionPeriodDismissals).values({ orgId: scope.orgId, subscriptionId: input.subscriptionId!, period: input.period!, reason: input.reason, dismissedBy: actor.userId }).onConflictDoNothing();
    return;
  }
  await db.insert(leakageDismissals).values({ orgId: scope.orgId, dealId: input.dealId!, kind: input.kind, reason: input.reason, dismissedBy: actor.userId }).onConflictDoNothing();
}

/** Who dismissed what and why, newest first: the audit of the list. */
export async function listLeakageDismissals(db: Db, scope: ReportScope) {
  return db
    .select({ dealId: leakageDismissals.dealId, kind: leakageDismissals.kind, reason: leakageDismissals.reason, dismissedBy: leakageDismissals.dismissedBy, dismissedAt: leakageDismissals.dismissedAt, dealTitle: deals.title })
    .from(leakageDismissals)
    .innerJoin(deals, and(eq(deals.id, leakageDismissals.dealId), eq(deals.orgId, scope.orgId)))
    .where(eq(leakageDismissals.orgId, scope.orgId))
    .orderBy(sql`${leakageDismissals.dismissedAt} desc`);
}
