import { createHash } from "node:crypto";
import type { SyncItem } from "@/db/schema";

/**
 * The Idempotency-Key of a batch write, derived from the work itself: the outbox rows (each with its
 * revision) and the body sent. Resending the same rows with the same body gives the same key, so a
 * retry after a lost answer is replayed by Xero instead of written twice; a different body (the
 * record changed, or a lookup found what the lost write created) gives a new key, since Xero
 * refuses a key reused for a different request. A lost answer (timeout, dropped connection) keeps
 * the key, so Xero replays what it did. At most 128 characters, as Xero requires.
 */
export function idempotencyKeyFor(orgId: string, kind: string, items: (Pick<SyncItem, "id" | "revision"> & Partial<Pick<SyncItem, "keyGeneration">>)[], payload: unknown): string {
  // A row's key generation moves on after Xero answered it with a 5xx (settleBatchError): Xero
  // replays a key's error for minutes, so the same key would only fetch the same 500 again.
  const parts = items.map((i) => `${i.id}:${i.revision}${i.keyGeneration ? `:g${i.keyGeneration}` : ""}`).sort();
  const body = createHash("sha256").update(JSON.stringify(payload)).digest("hex");
  return `lb-${kind}-${createHash("sha256").update(`${orgId}|${kind}|${parts.join(",")}|${body}`).digest("hex").slice(0, 48)}`;
}
