import type { SyncEntity } from "@/db/schema";
import type { PullResource } from "./pull/pull-resources";

/**
 * The kinds of record the sync moves, as the troubleshooting guide and the admin API name them
 * (`sync_type`), in the order the outbox sends them: which outbox entities each covers, the error
 * type its failures are reported as, and the Xero lists a resync of it re-reads. The status counts,
 * the error log's types, retry and resync all read this one table.
 * `sent`: the engine pushes it (payments: those recorded in the portal); every kind is sent today.
 * Quotes come back by their own pull (sync-quotes.ts), not a list resync reads.
 */
export const SYNC_TYPES = [
  { syncType: "contacts", entities: ["customer"], errorType: "contact_sync", pulls: ["contacts"], sent: true },
  { syncType: "items", entities: ["product"], errorType: "item_sync", pulls: ["items"], sent: true },
  { syncType: "invoices", entities: ["deal", "invoice_email"], errorType: "invoice_sync", pulls: ["invoices", "credit_notes"], sent: true },
  { syncType: "quotes", entities: ["quote"], errorType: "quote_sync", pulls: [], sent: true },
  { syncType: "subscriptions", entities: ["subscription"], errorType: "subscription_sync", pulls: [], sent: true },
  { syncType: "payments", entities: ["payment"], errorType: "payment_sync", pulls: ["payments", "overpayments", "prepayments"], sent: true },
] as const satisfies readonly { syncType: string; entities: readonly SyncEntity[]; errorType: string; pulls: readonly PullResource[]; sent: boolean }[];

export type SyncType = (typeof SYNC_TYPES)[number]["syncType"];
export const SYNC_TYPE_NAMES = SYNC_TYPES.map((t) => t.syncType) as [SyncType, ...SyncType[]];

/** The error types of the status's `errors`: one per sync type, and `connection` for the connection itself. */
export const ERROR_TYPES = [...SYNC_TYPES.map((t) => t.errorType), "connection"] as const;

/** The outbox entities the engine sends today: what "pending" counts. */
export const PUSHED_ENTITIES: SyncEntity[] = SYNC_TYPES.filter((t) => t.sent).flatMap((t) => t.entities);

export const syncTypeOf = (name: SyncType) => SYNC_TYPES.find((t) => t.syncType === name)!;

/** The sync type an outbox entity belongs to (what the admin API's retry takes). */
export function syncTypeOfEntity(entity: SyncEntity): SyncType {
  return SYNC_TYPES.find((t) => (t.entities as readonly SyncEntity[]).includes(entity))?.syncType ?? "contacts";
}

/** The error type a failed outbox row of this entity is reported as. */
export function errorTypeOf(entity: SyncEntity): string {
  return SYNC_TYPES.find((t) => (t.entities as readonly SyncEntity[]).includes(entity))?.errorType ?? "contact_sync";
}
