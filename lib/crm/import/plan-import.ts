import type { Db } from "@/db";
import type { CrmActor } from "../crm-actor";
import type { ImportType } from "./import-fields";
import type { ImportPlan } from "./import-plan";
import { planCustomers } from "./plan-customers";
import { planDeals } from "./plan-deals";
import { planProducts } from "./plan-products";

export function planImport(db: Db, actor: CrmActor, type: ImportType, rows: Record<string, string>[], mapping: Record<string, string>, onProgress: (done: number) => Promise<void>): Promise<ImportPlan<unknown>> {
  if (type === "customers") return planCustomers(db, actor, rows, mapping, onProgress);
  if (type === "products") return planProducts(db, actor, rows, mapping, onProgress);
  return planDeals(db, actor, rows, mapping, onProgress);
}
