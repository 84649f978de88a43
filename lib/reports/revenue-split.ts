import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import type { ReportScope } from "./report-scope";
import { revenueDocuments, revenueQuery, revenueRange, revenueWindow } from "./revenue-report";
import { splitPieces } from "./revenue-split-pieces";

export const SPLIT_DIMENSIONS = ["customer", "product", "owner", "leadSource"] as const;
export type SplitDimension = (typeof SPLIT_DIMENSIONS)[number];
export const DEFAULT_SPLIT: SplitDimension = "customer";
/** Rows shown by name; the rest are summed in one "Other" row. */
export const SPLIT_TOP = 10;

export interface RevenueSplitRow {
  /** `top`: one customer, product, owner or source; `other`: the rest summed; `none`: documents with no customer, product or owner. */
  kind: "top" | "other" | "none";
  /** The customer's or owner's id, `product:<id>` or `item:<code>`, the lead source's group key; null for other and none. */
  key: string | null;
  label: string;
  invoiced: string;
  /** null when split by product: credit notes' lines are not mirrored. */
  credited: string | null;
  /** null when split by product: a payment pays a whole invoice, not a product. */
  collected: string | null;
}

export interface RevenueSplit {
  currency: string;
  from: string;
  to: string;
  split: SplitDimension;
  rows: RevenueSplitRow[];
  /** How many customers, products, owners or sources the Other row holds (0: no Other row). */
  otherCount: number;
  /** The revenue report's totals for the range: the rows add up to them (credited and collected too, when the rows leave them null). */
  totals: { invoiced: string; credited: string; collected: string };
}

export const revenueSplitQuery = revenueQuery.safeExtend({
  split: z.enum(SPLIT_DIMENSIONS, { error: "split must be customer, product, owner or leadSource." }).default(DEFAULT_SPLIT),
});

/** A page's `?split=`: anything but a known dimension is the default (a stale or hand-edited link still shows). */
export const splitOf = (value: unknown): SplitDimension => (SPLIT_DIMENSIONS as readonly unknown[]).includes(value) ? (value as SplitDimension) : DEFAULT_SPLIT;

export const SPLIT_LABELS: Record<SplitDimension, { title: string; noun: string; none: string; definition: string }> = {
  customer: { title: "Customer", noun: "customers", none: "No customer (Xero contacts linked to no CRM customer)", definition: "By customer: each document goes to the CRM customer its Xero contact is linked to now (a payment: its invoice's contact)." },
  product: {
    title: "Product",
    noun: "products",
    none: "No product (lines without an item code, invoices without lines)",
    definition:
      "By product: invoiced is split over each invoice's lines (line amount with its tax, each line's share of the invoice's rounded total) by the CRM product with that Xero item code, else the item code; credited and collected are not split, as credit notes' lines are not mirrored and a payment pays a whole invoice.",
  },
  owner: { title: "Owner", noun: "owners", none: "No owner (no linked deal, or a deal without an owner)", definition: "By owner: an invoice goes to the owner of its linked deal, a payment follows its invoice, and a credit note follows the invoices it is allocated to (its unallocated rest has no owner)." },
  leadSource: { title: "Lead source", noun: "lead sources", none: "No customer (Xero contacts linked to no CRM customer)", definition: "By lead source: each document goes to its customer's lead source, trimmed and ignoring case, as on the LTV report; customers without one are (none)." },
};

/**
 * Invoiced, credited and collected over a month range (the revenue report's documents, rules and
 * range) split by one dimension: the SPLIT_TOP largest rows by invoiced (then collected, credited,
 * name), the rest in "Other", and documents with no customer, product or owner in their own row.
 */
export async function revenueSplit(db: Db, scope: ReportScope, q: z.infer<typeof revenueSplitQuery>): Promise<RevenueSplit> {
  const { from, to } = revenueRange(scope, q);
  const split = q.split ?? DEFAULT_SPLIT;
  const { rows } = await db.execute<{ kind: RevenueSplitRow["kind"] | "total"; key: string | null; label: string | null; invoiced: string; credited: string | null; collected: string | null; members: number }>(revenueSplitSql(scope.orgId, from, to, split));
  const total = rows.find((r) => r.kind === "total")!;
  const names = SPLIT_LABELS[split];
  const other = rows.find((r) => r.kind === "other");
  return {
    currency: scope.currency,
    from,
    to,
    split,
    rows: rows
      .filter((r) => r.kind !== "total")
      .map((r) => ({
        kind: r.kind as RevenueSplitRow["kind"],
        key: r.key,
        label: r.kind === "other" ? `Other (${r.members} ${names.noun})` : r.kind === "none" ? names.none : (r.label ?? r.key ?? ""),
        invoiced: r.invoiced,
        credited: r.credited,
        collected: r.collected,
      })),
    otherCount: other?.members ?? 0,
    totals: { invoiced: total.invoiced, credited: total.credited!, collected: total.collected! },
  };
}

/**
 * The split as one query: the ranked rows, Other, the rest (what no row names: the totals less the
 * named rows, exact as every document's parts add up to it), and the totals (kind 'total').
 */
export function revenueSplitSql(orgId: string, from: string, to: string, split: SplitDimension) {
  const { start, end } = revenueWindow(from, to);
  const docs = revenueDocuments(orgId, start, end);
  const dim = splitPieces(orgId, split);
  const text = (column: string) => sql.raw(`${column}::numeric(18, 2)::text as ${column}`);
  const rest = (column: "credited" | "collected") => (dim.invoicedOnly ? sql`null::numeric` : sql.raw(`t.${column} - k.${column}`));
  return sql`
    with inv as not materialized (${docs.invoices}), cn as not materialized (${docs.creditNotes}), pay as not materialized (${docs.payments}),
    ${dim.ctes}
    pieces as (${dim.pieces}),
    grouped as (
      select key, min(label) as label, sum(invoiced) as invoiced, sum(credited) as credited, sum(collected) as collected from pieces where key is not null group by key
    ), threshold as (
      -- The last named row's amounts (a bounded top-N sort): only rows at or above them can be named, so only those are labelled.
      select invoiced, coalesce(collected, 0) as collected, coalesce(credited, 0) as credited from grouped order by 1 desc, 2 desc, 3 desc offset ${SPLIT_TOP - 1} limit 1
    ), top as (
      select * from (
        select g.key::text as key, ${dim.label} as label, g.invoiced, g.credited, g.collected,
          row_number() over (order by g.invoiced desc, coalesce(g.collected, 0) desc, coalesce(g.credited, 0) desc, ${dim.label} collate "C", g.key::text collate "C") as rn
        from grouped g ${dim.labelJoins}
        where not exists (select 1 from threshold) or (g.invoiced, coalesce(g.collected, 0), coalesce(g.credited, 0)) >= (select invoiced, collected, credited from threshold)
      ) contenders where rn <= ${SPLIT_TOP}
    ), totals as (
      ${dim.totals ?? sql`select (select coalesce(sum(base), 0) from inv) as invoiced, (select coalesce(sum(base), 0) from cn) as credited, (select coalesce(sum(base), 0) from pay) as collected`}
    ), named as (
      select coalesce(sum(invoiced), 0) as invoiced, coalesce(sum(credited), 0) as credited, coalesce(sum(collected), 0) as collected from grouped
    ), out as (
      select 'top' as kind, key, label, invoiced, credited, collected, 1 as members, rn from top
      union all
      select 'other', null, null, sum(invoiced), sum(credited), sum(collected), count(*)::int, ${SPLIT_TOP + 1} from grouped where key::text not in (select key from top) having count(*) > 0
      union all
      select 'none', null, null, t.invoiced - k.invoiced, ${rest("credited")}, ${rest("collected")}, 0, ${SPLIT_TOP + 2}
      from totals t, named k where (t.invoiced, t.credited, t.collected) <> (k.invoiced, ${dim.invoicedOnly ? sql`t.credited, t.collected` : sql`k.credited, k.collected`})
      union all
      select 'total', null, null, invoiced, credited, collected, 0, ${SPLIT_TOP + 3} from totals
    )
    select kind, key, label, ${text("invoiced")}, ${text("credited")}, ${text("collected")}, members from out order by rn`;
}
