import type { DealLine } from "@/db/schema";

/** Stored lines as the line editor's text fields; prices blank when the viewer may not see them. */
export function toEditableLines(lines: Pick<DealLine, "productId" | "description" | "quantity" | "unitPrice" | "discountPercent">[], canSeeAmounts: boolean) {
  return lines.map((l) => ({
    productId: l.productId ?? "",
    description: l.description,
    quantity: String(Number(l.quantity)),
    unitPrice: canSeeAmounts ? l.unitPrice : "",
    discountPercent: Number(l.discountPercent) ? String(Number(l.discountPercent)) : "",
  }));
}
