import type { Db } from "@/db";
import { hideAmounts } from "./amount-visibility";
import { searchCustomerChoices } from "./customer-queries";
import { listOwnerChoices } from "./org-members";
import { listStages } from "./pipeline-stages";
import { listProductChoices } from "./products";

/** Everything the deal and subscription forms offer to choose from, amounts hidden where they must be. */
export async function loadLineFormChoices(db: Db, orgId: string, canSeeAmounts: boolean) {
  const [customers, stages, owners, products] = await Promise.all([searchCustomerChoices(db, orgId, "", 1000), listStages(db, orgId), listOwnerChoices(db, orgId), listProductChoices(db, orgId)]);
  return { customers, stages, owners, products: products.map((p) => hideAmounts(p, canSeeAmounts)) };
}
