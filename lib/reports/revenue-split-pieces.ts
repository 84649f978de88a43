import { sql, type SQL } from "drizzle-orm";
import { customers, deals, products, users, xeroCreditAllocations, xeroInvoiceLines, xeroInvoices } from "@/db/schema";
import { sourceKey, sourceLabels, NO_SOURCE } from "./ltv-report";
import { contactCustomers, inBase, inBasePart } from "./money-rules";

/**
 * How each dimension of the revenue split attributes the documents revenue counts. Every dimension
 * reads the CTEs `inv`, `cn` and `pay` (revenue-report.ts's revenueDocuments) and yields `pieces`
 * (key, label, invoiced, credited, collected), where a null key is the "no customer / product /
 * owner" row; `labelJoins` and `label` name a grouped key `g.key`. Pieces of one document add up
 * to its base amount exactly, so the split's totals are the revenue report's.
 */
export interface SplitPieces {
  ctes: SQL;
  pieces: SQL;
  labelJoins: SQL;
  label: SQL;
}

/** The invoice `invoiceId`'s deal (its own marker first, else the portal's link) as `<alias>`. */
const dealOf = (orgId: string, alias: string, invoiceId: SQL, markerDealId: SQL) => sql`
  left join ${deals} ${sql.raw(`${alias}_link`)} on ${sql.raw(`${alias}_link`)}.org_id = ${orgId} and ${sql.raw(`${alias}_link`)}.xero_invoice_id = ${invoiceId}
  left join ${deals} ${sql.raw(alias)} on ${sql.raw(alias)}.org_id = ${orgId} and ${sql.raw(alias)}.id = coalesce(${markerDealId}, ${sql.raw(`${alias}_link`)}.id)`;

/** The invoice a payment pays, as `pi` (null when the mirror does not hold it). */
const paidInvoice = (orgId: string) => sql`left join ${xeroInvoices} pi on pi.org_id = ${orgId} and pi.xero_invoice_id = pay.xero_invoice_id`;

/** Documents by the CRM customer their contact is linked to now (a payment: its invoice's contact), `c` the customer. */
function byCustomer(orgId: string, key: SQL): SQL {
  const customer = sql`left join ${customers} c on c.org_id = ${orgId} and c.id = l.customer_id`;
  return sql`
    select ${key} as key, null::text as label, inv.base as invoiced, 0::numeric as credited, 0::numeric as collected from inv left join links l using (xero_contact_id) ${customer}
    union all select ${key}, null, 0, cn.base, 0 from cn left join links l using (xero_contact_id) ${customer}
    union all select ${key}, null, 0, 0, pay.base from pay ${paidInvoice(orgId)} left join links l on l.xero_contact_id = pi.xero_contact_id ${customer}`;
}

export function splitPieces(orgId: string, split: "customer" | "product" | "owner" | "leadSource"): SplitPieces {
  const links = sql`links as ${contactCustomers(orgId)},`;
  switch (split) {
    case "customer":
      return { ctes: links, pieces: byCustomer(orgId, sql`c.id`), labelJoins: sql`left join ${customers} lc on lc.org_id = ${orgId} and lc.id = g.key`, label: sql`lc.name` };
    case "leadSource":
      return {
        ctes: sql`${links} spellings as (select ${sourceKey(sql`lead_source`)} as key, nullif(trim(lead_source), '') as spelling from ${customers} where org_id = ${orgId}),
          source_labels as (${sourceLabels(sql`spellings`)}),`,
        pieces: byCustomer(orgId, sql`case when c.id is not null then ${sourceKey(sql`c.lead_source`)} end`),
        labelJoins: sql`left join source_labels sl on sl.key = g.key`,
        label: sql`case when g.key = ${NO_SOURCE} then ${NO_SOURCE} else coalesce(sl.spelling, g.key) end`,
      };
    case "owner":
      // A credit note follows the invoices it is allocated to, in proportion to the allocations; its
      // unallocated rest has no owner. A payment follows its invoice.
      return {
        ctes: sql`cn_parts as (
            select cn.xero_credit_note_id, cn.currency_rate, a.xero_invoice_id, a.amount,
              sum(a.amount) over (partition by cn.xero_credit_note_id order by a.allocation_key rows between unbounded preceding and current row) as upto
            from cn join ${xeroCreditAllocations} a on a.org_id = ${orgId} and a.xero_credit_note_id = cn.xero_credit_note_id
          ), cn_rest as (
            select cn.base - coalesce(${inBase(sql`sum(p.amount)`, sql`cn.currency_rate`)}, 0) as rest
            from cn left join cn_parts p using (xero_credit_note_id) group by cn.xero_credit_note_id, cn.base, cn.currency_rate
          ),`,
        pieces: sql`
          select d.owner_id as key, null::text as label, inv.base as invoiced, 0::numeric as credited, 0::numeric as collected from inv ${dealOf(orgId, "d", sql`inv.xero_invoice_id`, sql`inv.deal_id`)}
          union all select d.owner_id, null, 0, ${inBasePart(sql`p.upto`, sql`p.amount`, sql`p.currency_rate`)}, 0 from cn_parts p
            left join ${xeroInvoices} ai on ai.org_id = ${orgId} and ai.xero_invoice_id = p.xero_invoice_id ${dealOf(orgId, "d", sql`p.xero_invoice_id`, sql`ai.deal_id`)}
          union all select null, null, 0, rest, 0 from cn_rest where rest <> 0
          union all select d.owner_id, null, 0, 0, pay.base from pay ${paidInvoice(orgId)} ${dealOf(orgId, "d", sql`pay.xero_invoice_id`, sql`pi.deal_id`)}`,
        labelJoins: sql`left join ${users} lu on lu.id = g.key`,
        label: sql`lu.name`,
      };
    case "product":
      // Only invoiced is split: each line's share of its invoice (Total when tax-inclusive, else the
      // line plus its tax), to the CRM product whose Xero item code it carries (case-insensitive, as
      // the sync maps items), else to its item code; the rest of the invoice has no product.
      return {
        ctes: sql`catalogue as (
            select distinct on (lower(xero_item_code)) lower(xero_item_code) as code, id, name from ${products}
            where org_id = ${orgId} and xero_item_code is not null order by lower(xero_item_code), archived_at nulls first, created_at, id
          ), lines as (
            select inv.xero_invoice_id, inv.currency_rate, nullif(trim(li.item_code), '') as item_code, g.gross,
              sum(g.gross) over (partition by inv.xero_invoice_id order by li.position, li.line_item_id rows between unbounded preceding and current row) as upto
            from inv join ${xeroInvoiceLines} li on li.org_id = ${orgId} and li.xero_invoice_id = inv.xero_invoice_id
            cross join lateral (select case when inv.line_amount_types = 'Inclusive' then li.line_amount else li.line_amount + li.tax_amount end as gross) g
          ), inv_rest as (
            select inv.base - coalesce(${inBase(sql`sum(lines.gross)`, sql`inv.currency_rate`)}, 0) as rest
            from inv left join lines using (xero_invoice_id) group by inv.xero_invoice_id, inv.base, inv.currency_rate
          ),`,
        pieces: sql`
          select case when k.id is not null then 'product:' || k.id::text when lines.item_code is not null then 'item:' || lower(lines.item_code) end as key,
            coalesce(k.name, lines.item_code || ' (Xero item, no CRM product)') as label,
            ${inBasePart(sql`lines.upto`, sql`lines.gross`, sql`lines.currency_rate`)} as invoiced, null::numeric as credited, null::numeric as collected
          from lines left join catalogue k on k.code = lower(lines.item_code)
          union all select null, null, rest, null, null from inv_rest where rest <> 0`,
        labelJoins: sql``,
        label: sql`g.label`,
      };
  }
}
