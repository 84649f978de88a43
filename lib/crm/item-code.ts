import type { Product } from "@/db/schema";

/** The Xero item code a product goes by: its mapping's, else its own code. Xero matches items by it. */
export const itemCodeOf = (p: Pick<Product, "xeroItemCode" | "code">) => p.xeroItemCode?.trim() || p.code.trim();
