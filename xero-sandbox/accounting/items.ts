import type { SandboxResponse } from "../http";
import type { ItemRec } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import { newId, stamp, type ApiContext } from "./context";
import { badRequestMessage, MSG, notFound } from "./errors";
import { listQuery } from "./list-query";
import { itemJson } from "./serialise";

export function getItems(ctx: ApiContext, id?: string): SandboxResponse {
  const { org } = ctx;
  if (id) {
    const item = org.items.get(id) ?? org.itemByCode(id);
    return item ? envelope(ctx, "Items", [itemJson(item)]) : notFound();
  }
  // Items are not paged at Xero.
  return envelope(ctx, "Items", listQuery(ctx.req, org.items.all(), itemJson, { paged: false }).items);
}

export function writeItems(ctx: ApiContext, mode: "create" | "upsert", pathId?: string): SandboxResponse {
  const elements = elementsOf(ctx.req.json, "Items");
  if (!elements) return badRequestMessage("The request body could not be read as Items.");
  const outcomes = elements.map((el) => applyItem(ctx, el, mode, pathId));
  ctx.sandbox.changed();
  return answerBatch(ctx, "Items", outcomes);
}

function applyItem(ctx: ApiContext, el: Record<string, unknown>, mode: "create" | "upsert", pathId?: string): ElementOutcome {
  const { org } = ctx;
  const errors: string[] = [];
  const id = pathId ?? field<string>(el, "ItemID");
  const code = field<string>(el, "Code")?.trim();
  let existing = mode === "upsert" && id ? org.items.get(id) : undefined;
  if (mode === "upsert" && !existing && code) existing = org.itemByCode(code);
  if (mode === "upsert" && id && !existing) return { json: { ...el }, errors: ["Item could not be found"], warnings: [] };
  const finalCode = code ?? existing?.Code;
  if (!finalCode) errors.push("Item code must be specified");
  else if (finalCode.length > 30) errors.push(MSG.itemCodeLength);
  else {
    const clash = org.itemByCode(finalCode);
    if (clash && clash.ItemID !== existing?.ItemID) errors.push(MSG.itemCodeTaken(finalCode));
  }
  const sales = field<Record<string, unknown>>(el, "SalesDetails");
  const salesAccount = field<string>(sales, "AccountCode");
  if (salesAccount && !org.accountByCode(salesAccount)) errors.push(MSG.accountCode(salesAccount));
  const salesTax = field<string>(sales, "TaxType");
  if (salesTax && !org.taxRate(salesTax)) errors.push(MSG.taxTypeUnknown(salesTax));
  const tracked = field<boolean>(el, "IsTrackedAsInventory") ?? existing?.IsTrackedAsInventory ?? false;
  const assetAccount = field<string>(el, "InventoryAssetAccountCode") ?? existing?.InventoryAssetAccountCode;
  if (tracked && !assetAccount) errors.push("An InventoryAssetAccountCode is required for a tracked item");
  if (errors.length) return { json: { ...el }, errors, warnings: [] };

  const record: ItemRec = existing ?? { ItemID: newId(), Code: finalCode!, IsSold: true, IsPurchased: false, IsTrackedAsInventory: false, UpdatedDateUTC: 0 };
  record.Code = finalCode!;
  for (const key of ["Name", "Description"] as const) {
    const v = field<string>(el, key);
    if (v !== undefined) record[key] = v;
  }
  for (const key of ["IsSold", "IsPurchased"] as const) {
    const v = field<boolean>(el, key);
    if (v !== undefined) record[key] = v;
  }
  record.IsTrackedAsInventory = tracked;
  record.InventoryAssetAccountCode = assetAccount;
  if (sales) record.SalesDetails = { UnitPrice: field<number>(sales, "UnitPrice"), AccountCode: salesAccount, TaxType: salesTax };
  const purchase = field<Record<string, unknown>>(el, "PurchaseDetails");
  if (purchase) record.PurchaseDetails = { UnitPrice: field<number>(purchase, "UnitPrice"), AccountCode: field<string>(purchase, "AccountCode"), COGSAccountCode: field<string>(purchase, "COGSAccountCode"), TaxType: field<string>(purchase, "TaxType") };
  const qty = field<number>(el, "QuantityOnHand");
  if (tracked && qty !== undefined) record.QuantityOnHand = qty;
  if (tracked) record.QuantityOnHand ??= 0;
  record.UpdatedDateUTC = stamp(ctx);
  org.items.put(record);
  return { json: itemJson(record), errors: [], warnings: [] };
}
