import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, deals, pipelineStages, products } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { toCsv } from "./import/parse-csv";

export const EXPORT_KINDS = ["customers", "deals", "products"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const CUSTOMER_HEADERS = ["External id", "Name", "Email", "Phone", "Address line 1", "City", "Region", "Postal code", "Country", "Lead source", "Payment terms", "Currency", "Tags"];
const PRODUCT_HEADERS = ["Code", "Name", "Unit price", "Currency", "Track inventory", "Xero item code", "Sales account code", "Tax type"];
const DEAL_HEADERS = ["Deal id", "Title", "Customer", "Stage", "Amount", "Currency", "Expected close date", "Won at"];

/**
 * A whole table as CSV, in the same column names the importer understands (an export can be
 * edited and re-imported). Amount columns are left empty for members without financial visibility;
 * cells that a spreadsheet would run as formulas are defused by toCsv.
 */
export async function exportCsv(db: Db, orgId: string, kind: string, canSeeAmounts: boolean): Promise<string> {
  const money = (v: string) => (canSeeAmounts ? v : "");
  if (kind === "customers") {
    const rows = await db.select().from(customers).where(eq(customers.orgId, orgId)).orderBy(asc(customers.createdAt));
    return toCsv(
      CUSTOMER_HEADERS,
      rows.map((c) => ({
        "External id": c.externalId ?? c.id,
        Name: c.name,
        Email: c.email,
        Phone: c.phone,
        "Address line 1": c.addressLine1,
        City: c.city,
        Region: c.region,
        "Postal code": c.postalCode,
        Country: c.country,
        "Lead source": c.leadSource,
        "Payment terms": c.paymentTermDays,
        Currency: c.currency,
        Tags: c.tags.join(", "),
      })),
    );
  }
  if (kind === "products") {
    const rows = await db.select().from(products).where(eq(products.orgId, orgId)).orderBy(asc(products.code));
    return toCsv(
      PRODUCT_HEADERS,
      rows.map((p) => ({ Code: p.code, Name: p.name, "Unit price": money(p.unitPrice), Currency: p.currency, "Track inventory": p.tracksInventory ? "yes" : "no", "Xero item code": p.xeroItemCode, "Sales account code": p.salesAccountCode, "Tax type": p.taxType })),
    );
  }
  if (kind === "deals") {
    const rows = await db
      .select({ deal: deals, customer: customers.name, stage: pipelineStages.name })
      .from(deals)
      .innerJoin(customers, eq(customers.id, deals.customerId))
      .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
      .where(eq(deals.orgId, orgId))
      .orderBy(asc(deals.createdAt));
    return toCsv(
      DEAL_HEADERS,
      rows.map((r) => ({ "Deal id": r.deal.externalId ?? r.deal.id, Title: r.deal.title, Customer: r.customer, Stage: r.stage, Amount: money(r.deal.amount), Currency: r.deal.currency, "Expected close date": r.deal.expectedCloseDate, "Won at": r.deal.wonAt?.toISOString() })),
    );
  }
  throw notFound("That export");
}
