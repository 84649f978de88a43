import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { deals, products, type ImportProblem } from "@/db/schema";
import type { CrmActor } from "../crm-actor";
import { money, optionalCurrency, optionalDate, optionalText, percent, positiveQuantity, requiredText } from "../field-schemas";
import { listStages } from "../pipeline-stages";
import { canEditOwned } from "../record-access";
import type { DealInput } from "../schemas";
import { mappedValues, parseRow, type ImportPlan } from "./import-plan";
import { resolveCustomerRefs } from "./resolve-customer-refs";

/** One CSV row of a deals file: the deal's columns repeat on each of its line rows. */
const dealRow = z.object({
  externalId: optionalText(100, "Deal id"),
  title: requiredText(200, "Title"),
  customer: requiredText(200, "Customer"),
  stage: optionalText(40, "Stage"),
  expectedCloseDate: optionalDate("Expected close date"),
  currency: optionalCurrency,
  productCode: optionalText(30, "Product code"),
  lineDescription: optionalText(4000, "Line description"),
  quantity: positiveQuantity.optional(),
  unitPrice: money("Unit price").optional(),
  discountPercent: percent.optional(),
});

/**
 * Groups line rows into deals (by deal id, else by title + customer), resolves customers, stages and
 * products by what a CRM export carries, and matches existing deals by external id. A bad row
 * rejects its whole deal: a deal missing a line would be billed wrong.
 */
export async function planDeals(db: Db, actor: CrmActor, rows: Record<string, string>[], mapping: Record<string, string>, onProgress: (done: number) => Promise<void>): Promise<ImportPlan<DealInput>> {
  const problems: ImportProblem[] = [];
  const stages = await listStages(db, actor.orgId);
  const stageByName = new Map(stages.map((s) => [s.name.toLowerCase(), s.id]));
  const productByCode = new Map(
    (await db.select({ id: products.id, code: sql<string>`lower(${products.code})` }).from(products).where(eq(products.orgId, actor.orgId))).map((p) => [p.code, p.id]),
  );
  const customerHeader = mapping.customer;
  const customerRefs = await resolveCustomerRefs(db, actor.orgId, customerHeader ? rows.map((r) => (r[customerHeader] ?? "").trim()).filter(Boolean) : []);

  const groups = new Map<string, { rows: number[]; lineRows: number[]; input: DealInput; bad: boolean }>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    const r = parseRow(dealRow, mappedValues(raw, mapping), row, problems);
    const key = r ? (r.externalId ?? `${r.title.toLowerCase()}|${r.customer.toLowerCase()}`) : `bad-row-${row}`;
    const group = groups.get(key) ?? { rows: [], lineRows: [], bad: !r, input: { title: r?.title ?? "", customerId: "", lines: [] } as DealInput };
    group.rows.push(row);
    groups.set(key, group);
    if (!r) return void (group.bad = true);
    const customerId = customerRefs.get(r.customer) ?? customerRefs.get(r.customer.toLowerCase());
    if (!customerId) return void ((group.bad = true), problems.push({ row, field: "customer", message: `No customer "${r.customer}". Import customers first, or use their email or external id.` }));
    const stageId = r.stage ? stageByName.get(r.stage.toLowerCase()) : undefined;
    if (r.stage && !stageId) return void ((group.bad = true), problems.push({ row, field: "stage", message: `No stage "${r.stage}". Use one of: ${stages.map((s) => s.name).join(", ")}.` }));
    const productId = r.productCode ? productByCode.get(r.productCode.toLowerCase()) : undefined;
    if (r.productCode && !productId) return void ((group.bad = true), problems.push({ row, field: "productCode", message: `No product with code ${r.productCode}. Import or create it first.` }));
    Object.assign(group.input, { title: r.title, customerId, stageId: stageId ?? group.input.stageId, expectedCloseDate: r.expectedCloseDate ?? group.input.expectedCloseDate, currency: r.currency ?? group.input.currency, externalId: r.externalId });
    if (r.productCode || r.lineDescription || r.quantity !== undefined) {
      group.lineRows.push(row);
      group.input.lines!.push({ productId: productId ?? null, description: r.lineDescription ?? null, quantity: r.quantity ?? 1, unitPrice: r.unitPrice, discountPercent: r.discountPercent });
    }
  });
  await onProgress(Math.floor(rows.length / 2));

  const externalIds = [...groups.values()].map((g) => g.input.externalId).filter((v): v is string => !!v);
  const existing = new Map<string, { id: string; ownerId: string | null }>();
  for (let i = 0; i < externalIds.length; i += 1000) {
    const found = await db.select({ id: deals.id, ownerId: deals.ownerId, externalId: deals.externalId }).from(deals).where(and(eq(deals.orgId, actor.orgId), inArray(deals.externalId, externalIds.slice(i, i + 1000))));
    for (const d of found) existing.set(d.externalId!, d);
  }
  // Without a deal id, the same title for the same customer is the same deal: a re-import updates it.
  const untracked = [...groups.values()].filter((g) => !g.bad && !g.input.externalId).map((g) => g.input.customerId);
  const byTitle = new Map<string, { id: string; ownerId: string | null }>();
  for (let i = 0; i < untracked.length; i += 1000) {
    const found = await db
      .select({ id: deals.id, ownerId: deals.ownerId, customerId: deals.customerId, title: sql<string>`lower(${deals.title})` })
      .from(deals)
      .where(and(eq(deals.orgId, actor.orgId), inArray(deals.customerId, untracked.slice(i, i + 1000))));
    for (const d of found) byTitle.set(`${d.customerId}|${d.title}`, d);
  }
  const records: ImportPlan<DealInput>["records"] = [];
  for (const g of groups.values()) {
    if (g.bad) {
      for (const row of g.rows) if (!problems.some((p) => p.row === row)) problems.push({ row, field: "(deal)", message: "Another line of this deal has a problem; the whole deal is held back." });
      continue;
    }
    const match = g.input.externalId ? existing.get(g.input.externalId) : byTitle.get(`${g.input.customerId}|${g.input.title.toLowerCase()}`);
    if (match && !canEditOwned(actor, match.ownerId)) {
      for (const row of g.rows) problems.push({ row, field: "externalId", message: "Matches a deal owned by someone else; sales members update only their own." });
      continue;
    }
    records.push({ rows: g.rows, input: g.input, existingId: match?.id ?? null, lineRows: g.lineRows });
  }
  await onProgress(rows.length);
  return { records, problems };
}
