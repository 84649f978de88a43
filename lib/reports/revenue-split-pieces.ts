import { sql, type SQL } from "drizzle-orm";
import { customers, deals, products, users, xeroCreditAllocations, xeroInvoiceLines, xeroInvoices } from "@/db/schema";
import { sourceKey, sourceLabels, NO_SOURCE } from "./ltv-report";
import { everyContactCustomer, inBase, inBasePart } from "./money-rules";

/**
 * How each dimension of the revenue split attributes the documents revenue counts. Every dimension
 * reads the CTEs `inv`, `cn` and `pay` (revenue-report.ts's revenueDocuments) and yields `pieces`
 * (key, label, invoiced, credited, collected) for the named rows only, summed as early as the
 * dimension allows (per contact, deal or item code) so that few rows reach the joins. A document's
 * pieces never exceed its base amount, split exactly (inBasePart), so what no piece names is the
 * totals less the pieces: the "no customer / product / owner" row. `label` names a grouped `g.key`.
 */
export interface SplitPieces {
  ctes: SQL;
  pieces: SQL;
  labelJoins: SQL;
  label: SQL;
  /** Credited and collected are not split (by product): null in every row. */
  invoicedOnly: boolean;
  /** The documents' totals (invoiced, credited, collected) from what the dimension already summed; null: sum inv, cn and pay again. */
  totals: SQL | null;
}

/** The deal of an invoice: its own marker first, else the deal the portal linked to it (`link`). */
const dealOf = (orgId: string, invoiceId: SQL, markerDealId: SQL) => ({
  join: sql`left join ${deals} link on link.org_id = ${orgId} and link.xero_invoice_id = ${invoiceId}`,
  id: sql`coalesce(${markerDealId}, link.id)`,
});

/** The invoice a payment pays, as `pi` (null when the mirror does not hold it). */
const paidInvoice = (orgId: string) => sql`left join ${xeroInvoices} pi on pi.org_id = ${orgId} and pi.xero_invoice_id = pay.xero_invoice_id`;

/**
 * Each Xero contact's invoiced, credited and collected (a payment: its invoice's contact, on the payment row), with `links`
 * to customers: the documents in one stream, summed once per contact (one hash aggregate rather than
 * three sorted ones). Every document is in it, so it also gives the totals.
 */
const byContact = (orgId: string) => sql`links as ${everyContactCustomer(orgId)},
  by_contact as (
    select xero_contact_id, sum(invoiced) as invoiced, sum(credited) as credited, sum(collected) as collected from (
      select xero_contact_id, base as invoiced, 0::numeric as credited, 0::numeric as collected from inv
      union all select xero_contact_id, 0, base, 0 from cn
      union all select xero_contact_id, 0, 0, base from pay
    ) documents group by 1
  ),`;
const byContactTotals = sql`select coalesce(sum(invoiced), 0) as invoiced, coalesce(sum(credited), 0) as credited, coalesce(sum(collected), 0) as collected from by_contact`;

export function splitPieces(orgId: string, split: "customer" | "product" | "owner" | "leadSource"): SplitPieces {
  switch (split) {
    case "customer":
      return {
        ctes: byContact(orgId),
        pieces: sql`select l.customer_id as key, null::text as label, b.invoiced, b.credited, b.collected from by_contact b join links l using (xero_contact_id)`,
        labelJoins: sql`left join ${customers} lc on lc.org_id = ${orgId} and lc.id = g.key`,
        label: sql`lc.name`,
        invoicedOnly: false,
        totals: byContactTotals,
      };
    case "leadSource":
      return {
        ctes: sql`${byContact(orgId)}
          spellings as (select ${sourceKey(sql`lead_source`)} as key, nullif(trim(lead_source), '') as spelling from ${customers} where org_id = ${orgId}),
          source_labels as (${sourceLabels(sql`spellings`)}),`,
        pieces: sql`select ${sourceKey(sql`c.lead_source`)} as key, null::text as label, b.invoiced, b.credited, b.collected
          from by_contact b join links l using (xero_contact_id) join ${customers} c on c.org_id = ${orgId} and c.id = l.customer_id`,
        labelJoins: sql`left join source_labels sl on sl.key = g.key`,
        label: sql`case when g.key = ${NO_SOURCE} then ${NO_SOURCE} else coalesce(sl.spelling, g.key) end`,
        invoicedOnly: false,
        totals: byContactTotals,
      };
    case "owner": {
      // A payment follows its invoice; a credit note follows the invoices it is allocated to, in
      // proportion to the allocations (its unallocated rest has no owner).
      const invoiceDeal = dealOf(orgId, sql`inv.xero_invoice_id`, sql`inv.deal_id`);
      const creditDeal = dealOf(orgId, sql`p.xero_invoice_id`, sql`ai.deal_id`);
      const paymentDeal = dealOf(orgId, sql`pay.xero_invoice_id`, sql`pi.deal_id`);
      return {
        ctes: sql`cn_parts as (
            select cn.currency_rate, a.xero_invoice_id, a.amount,
              sum(a.amount) over (partition by cn.xero_credit_note_id order by a.allocation_key rows between unbounded preceding and current row) as upto
            from cn join ${xeroCreditAllocations} a on a.org_id = ${orgId} and a.xero_credit_note_id = cn.xero_credit_note_id
          ), by_deal as (
            select deal_id, sum(invoiced) as invoiced, sum(credited) as credited, sum(collected) as collected from (
              select ${invoiceDeal.id} as deal_id, inv.base as invoiced, 0::numeric as credited, 0::numeric as collected from inv ${invoiceDeal.join}
              union all select ${creditDeal.id}, 0, ${inBasePart(sql`p.upto`, sql`p.amount`, sql`p.currency_rate`)}, 0
                from cn_parts p left join ${xeroInvoices} ai on ai.org_id = ${orgId} and ai.xero_invoice_id = p.xero_invoice_id ${creditDeal.join}
              union all select ${paymentDeal.id}, 0, 0, pay.base from pay ${paidInvoice(orgId)} ${paymentDeal.join}
            ) documents group by 1
          ),`,
        pieces: sql`select d.owner_id as key, null::text as label, b.invoiced, b.credited, b.collected
          from by_deal b join ${deals} d on d.org_id = ${orgId} and d.id = b.deal_id where d.owner_id is not null`,
        labelJoins: sql`left join ${users} lu on lu.id = g.key`,
        label: sql`lu.name`,
        invoicedOnly: false,
        // Every invoice and payment is in by_deal (deal or none); a credit note only in its allocated parts.
        totals: sql`select (select coalesce(sum(invoiced), 0) from by_deal) as invoiced, (select coalesce(sum(base), 0) from cn) as credited, (select coalesce(sum(collected), 0) from by_deal) as collected`,
      };
    }
    case "product": {
      // Only invoiced is split: each line's share of its invoice (Total when tax-inclusive, else the
      // line plus its tax), to the CRM product whose Xero item code it carries (case-insensitive, as
      // the sync maps items), else to its item code. At a rate of 1 a line's share is its own amount
      // (running totals of cents round to themselves), so only other rates need the running total.
      const rateOne = sql`coalesce(nullif(currency_rate, 0), 1) = 1`;
      return {
        ctes: sql`line_gross as (
            select inv.xero_invoice_id, inv.currency_rate, li.position, li.line_item_id, nullif(trim(li.item_code), '') as item_code,
              case when inv.line_amount_types = 'Inclusive' then li.line_amount else li.line_amount + li.tax_amount end as gross
            from inv join ${xeroInvoiceLines} li on li.org_id = ${orgId} and li.xero_invoice_id = inv.xero_invoice_id
          ), line_parts as (
            select item_code, ${inBase(sql`gross`, sql`currency_rate`)} as part from line_gross where ${rateOne} and item_code is not null
            union all
            select item_code, part from (
              select item_code, ${inBasePart(sql`sum(gross) over (partition by xero_invoice_id order by position, line_item_id rows between unbounded preceding and current row)`, sql`gross`, sql`currency_rate`)} as part
              from line_gross where not ${rateOne}
            ) foreign_lines where item_code is not null
          ), by_code as (
            select lower(item_code) as code, min(item_code) as spelling, sum(part) as invoiced from line_parts group by 1
          ), catalogue as (
            select distinct on (lower(xero_item_code)) lower(xero_item_code) as code, id, name from ${products}
            where org_id = ${orgId} and xero_item_code is not null order by lower(xero_item_code), archived_at nulls first, created_at, id
          ),`,
        pieces: sql`select case when k.id is not null then 'product:' || k.id::text else 'item:' || b.code end as key,
            coalesce(k.name, b.spelling || ' (Xero item, no CRM product)') as label, b.invoiced, null::numeric as credited, null::numeric as collected
          from by_code b left join catalogue k using (code)`,
        labelJoins: sql``,
        label: sql`g.label`,
        invoicedOnly: true,
        totals: null,
      };
    }
  }
}
