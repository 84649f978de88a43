import { createHash } from "node:crypto";
import type { SyncItem } from "@/db/schema";

/**
 * The Idempotency-Key of a batch write, derived from the work itself: the outbox rows (each with its
 * revision) and the body sent. Resending the same rows with the same body gives the same key, so a
 * retry after a lost answer is replayed by Xero instead of written twice; a different body (the
 * record changed, or a lookup found what the lost write created) gives a new key, since Xero
 * refuses a key reused for a different request. At most 128 characters, as Xero requires.
 */
export function idempotencyKeyFor(orgId: string, kind: string, items: Pick<SyncItem, "id" | "revision">[], payload: unknown): string {
  const parts = items.map((i) => `${i.id}:${i.revision}`).sort();
  const body = createHash("sha256").update(JSON.stringify(payload)).digest("hex");
  return `lb-${kind}-${createHash("sha256").update(`${orgId}|${kind}|${parts.join(",")}|${body}`).digest("hex").slice(0, 48)}`;
}
