import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { products, type ImportProblem } from "@/db/schema";
import type { CrmActor } from "../crm-actor";
import { productInput, type ProductInput } from "../schemas";
import { claimKey, mappedValues, parseRow, type ImportPlan } from "./import-plan";

/** Validates product rows and matches them to existing products by code (case-insensitive). */
export async function planProducts(db: Db, actor: CrmActor, rows: Record<string, string>[], mapping: Record<string, string>, onProgress: (done: number) => Promise<void>): Promise<ImportPlan<ProductInput>> {
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const existing = new Map(
    (await db.select({ id: products.id, code: sql<string>`lower(${products.code})` }).from(products).where(and(eq(products.orgId, actor.orgId)))).map((p) => [p.code, p.id]),
  );
  const records: ImportPlan<ProductInput>["records"] = [];
  rows.forEach((raw, i) => {
    const row = i + 1;
    const input = parseRow(productInput, mappedValues(raw, mapping), row, problems);
    if (!input || !claimKey(seen, input.code.toLowerCase(), row, "code", problems)) return;
    records.push({ rows: [row], input, existingId: existing.get(input.code.toLowerCase()) ?? null });
  });
  await onProgress(rows.length);
  return { records, problems };
}
