import type { Deal, DealLine } from "@/db/schema";

type LineFields = Pick<DealLine, "productId" | "description" | "quantity" | "unitPrice" | "discountPercent">;

/**
 * The parts of a deal that buildInvoice turns into the Xero invoice (its customer's contact, title
 * in the Reference, currency, and each line through its product). A save that changes none of them
 * has nothing new for Xero, so it queues no push. Numbers compare by value ("2" and "2.0000" are one).
 */
export function dealInvoiceFields(deal: Pick<Deal, "title" | "currency" | "customerId">, lines: LineFields[]): string {
  return JSON.stringify({
    title: deal.title,
    currency: deal.currency,
    customerId: deal.customerId,
    lines: lines.map((l) => [l.productId ?? null, l.description, Number(l.quantity), Number(l.unitPrice), Number(l.discountPercent ?? 0)]),
  });
}
