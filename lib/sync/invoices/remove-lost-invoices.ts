import type { Invoice } from "xero-node";
import type { Db } from "@/db";
import type { SyncItem } from "@/db/schema";
import { renewClaim } from "../outbox/claim-items";
import { settleFailed, settleSkipped, settleSynced } from "../outbox/settle-items";
import type { SyncLogInput, SyncTrigger } from "../sync-log";
import { findInvoicesByMarker } from "../xero-reads";
import { dealMarker } from "./deal-reference";
import { removeOrphanInvoices } from "./remove-orphans";

/**
 * Deal rows turned into archives by enqueueRemoval: the deal was deleted, or left the invoicing
 * stage, while a write of its invoice may have landed in Xero (its answer was lost, or it was in
 * flight). The invoices carrying its [lb:<deal>] marker are looked up and removed (a draft deleted,
 * an approved one voided), so the books keep no invoice nobody asked for and no later pull links one
 * to the reopened deal. A row whose invoice Xero would not remove fails with what to do by hand.
 * Throws what the lookup throws (the caller settles the batch); never writes a row it no longer holds.
 */
export async function removeLostInvoices(db: Db, orgId: string, token: string, items: SyncItem[], trigger: SyncTrigger): Promise<{ log: SyncLogInput[]; sent: number; failed: number }> {
  const out = { log: [] as SyncLogInput[], sent: 0, failed: 0 };
  if (!items.length) return out;
  const { invoices: found } = await findInvoicesByMarker(db, orgId, items.map((i) => dealMarker(i.entityId)));
  const held = await renewClaim(db, token, items);
  const orphans: { item: SyncItem; dealId: string; invoice: Invoice }[] = [];
  for (const item of items.filter((i) => held.has(i.id))) {
    const invoices = found.filter((inv) => inv.reference?.includes(dealMarker(item.entityId)));
    if (!invoices.length) await settleSkipped(db, token, item, { code: "not_in_xero", message: "Never reached Xero: nothing to remove." });
    else orphans.push(...invoices.map((invoice) => ({ item, dealId: item.entityId, invoice })));
  }
  const lines = await removeOrphanInvoices(db, orgId, orphans, trigger);
  out.log.push(...lines);
  for (const item of new Set(orphans.map((o) => o.item))) {
    const own = lines.filter((l) => l.recordId === item.entityId);
    const refused = own.find((l) => l.result === "failed");
    if (refused) {
      await settleFailed(db, token, item, { code: "validation", message: refused.message ?? "Remove the deal's invoice in Xero." });
      out.failed++;
    } else {
      await settleSynced(db, token, item, own[0]?.xeroId ?? null);
      out.sent++;
    }
  }
  return out;
}
