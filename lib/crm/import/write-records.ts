import type { Db } from "@/db";
import type { CrmActor } from "../crm-actor";
import { createDeal, updateDeal } from "../deals";
import { createProduct, updateProduct } from "../products";
import type { CustomerInput, DealInput, ProductInput } from "../schemas";
import type { PlannedRecord } from "./import-plan";
import type { ImportType } from "./import-fields";
import { writeCustomers } from "./write-customers";

/**
 * Writes planned records through the same functions the portal and API use (products and deals
 * carry rules worth not duplicating: code uniqueness, line pricing, won -> outbox); customers,
 * the big imports, go set-based.
 */
export async function writeRecords(tx: Db, actor: CrmActor, type: ImportType, records: PlannedRecord<unknown>[]): Promise<{ created: number; updated: number }> {
  if (type === "customers") return writeCustomers(tx, actor, records as PlannedRecord<CustomerInput>[]);
  let created = 0;
  let updated = 0;
  for (const r of records) {
    if (type === "products") {
      if (r.existingId) await updateProduct(tx, actor, r.existingId, r.input as ProductInput);
      else await createProduct(tx, actor, r.input as ProductInput);
    } else if (r.existingId) {
      await updateDeal(tx, actor, r.existingId, r.input as DealInput);
    } else {
      await createDeal(tx, actor, r.input as DealInput);
    }
    if (r.existingId) updated++;
    else created++;
  }
  return { created, updated };
}
