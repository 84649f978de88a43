import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { products, type Product } from "@/db/schema";
import { AppError, type FieldProblem } from "@/lib/errors";
import type { CrmActor } from "./crm-actor";
import { centsToString, lineCents, MAX_AMOUNT_CENTS } from "./money";
import type { LineInput } from "./schemas";

const MAX_AMOUNT_LABEL = "999,999,999,999.99";

export interface BuiltLine {
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  lineAmount: string;
  position: number;
}

/**
 * Turns submitted lines into stored ones: the product must belong to the organisation, its name and
 * price fill what was left out, and a product priced in another currency needs an explicit price
 * (we never convert silently). Members who cannot see amounts cannot set prices either.
 */
export async function buildLines(db: Db, actor: CrmActor, lines: LineInput[], currency: string): Promise<{ lines: BuiltLine[]; amount: string }> {
  const ids = [...new Set(lines.map((l) => l.productId).filter((id): id is string => !!id))];
  const found = ids.length
    ? await db
        .select()
        .from(products)
        .where(and(eq(products.orgId, actor.orgId), inArray(products.id, ids)))
    : [];
  const byId = new Map<string, Product>(found.map((p) => [p.id, p]));
  const problems: FieldProblem[] = [];
  const built: BuiltLine[] = [];
  let totalCents = 0;
  lines.forEach((line, i) => {
    const at = (f: string) => `lines.${i}.${f}`;
    const product = line.productId ? byId.get(line.productId) : undefined;
    if (line.productId && !product) return void problems.push({ field: at("productId"), message: "No such product in this organisation." });
    if (line.unitPrice !== undefined && !actor.canSeeAmounts) return void problems.push({ field: at("unitPrice"), message: "You cannot set prices; the product's price is used." });
    let unitPrice = line.unitPrice;
    if (unitPrice === undefined) {
      if (!product) return void problems.push({ field: at("unitPrice"), message: "Give a unit price, or pick a product." });
      if (product.currency !== currency) {
        return void problems.push({ field: at("unitPrice"), message: `${product.code} is priced in ${product.currency}; this is in ${currency}. Give a unit price in ${currency}.` });
      }
      unitPrice = Number(product.unitPrice);
    }
    const description = line.description ?? product?.name;
    if (!description) return void problems.push({ field: at("description"), message: "Describe the line, or pick a product." });
    const discount = line.discountPercent ?? 0;
    // The schemas keep quantity to 4 decimals and price and discount to 2, so what is stored is exactly what was computed from.
    const cents = lineCents(line.quantity, unitPrice, discount);
    if (cents > MAX_AMOUNT_CENTS) return void problems.push({ field: at("quantity"), message: `This line comes to more than ${MAX_AMOUNT_LABEL}. Split it or lower the quantity or price.` });
    totalCents += cents;
    built.push({
      productId: product?.id ?? null,
      description,
      quantity: String(line.quantity),
      unitPrice: unitPrice.toFixed(2),
      discountPercent: discount.toFixed(2),
      lineAmount: centsToString(cents),
      position: i,
    });
  });
  if (!problems.length && totalCents > MAX_AMOUNT_CENTS) problems.push({ field: "lines", message: `The lines come to more than ${MAX_AMOUNT_LABEL} in total. Split the deal.` });
  if (problems.length) throw new AppError("validation", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  return { lines: built, amount: centsToString(totalCents) };
}
