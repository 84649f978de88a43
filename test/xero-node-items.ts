import type { Item } from "xero-node";
import type { Db } from "@/db";
import { callXero } from "@/lib/xero/call-xero";

/** Xero's items as xero-node reads them now (what a reference pull applies). */
export async function getItemsAsXeroNode(db: Db, orgId: string): Promise<Item[]> {
  const answer = await callXero(db, orgId, { method: "GET", path: "/Items" }, (x, t) => x.accountingApi.getItems(t));
  return answer.body.items ?? [];
}
