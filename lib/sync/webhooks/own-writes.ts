import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroOwnWrites, type xeroWebhookEvents } from "@/db/schema";

type XeroWebhookEvent = typeof xeroWebhookEvents.$inferSelect;

export type OwnWriteCategory = "CONTACT" | "INVOICE";

/**
 * How much later than the UpdatedDateUTC of our write its echo may be dated and still be ours. Xero
 * stamps the event when it raises it, a moment after the record's save (the sandbox: milliseconds).
 * Kept short: an edit typed into Xero within it would wait for the next incremental pull, which
 * finds it by its own UpdatedDateUTC, so it is late, never lost.
 */
export const ECHO_WINDOW_MS = 1000;

/** Records the UpdatedDateUTC each record of our write came back with (the answer Xero gave to it). */
export async function rememberOwnWrites(db: Db, orgId: string, category: OwnWriteCategory, written: { xeroId: string | undefined; updatedAt: Date | string | undefined }[]): Promise<void> {
  const rows = written.flatMap((w) => {
    const at = w.updatedAt ? new Date(w.updatedAt) : null;
    // Without Xero's own stamp there is nothing to recognise the echo by: it is fetched as usual.
    return w.xeroId && at && !Number.isNaN(at.getTime()) ? [{ orgId, category, xeroId: w.xeroId, updatedAt: at }] : [];
  });
  if (!rows.length) return;
  await db
    .insert(xeroOwnWrites)
    .values(rows)
    .onConflictDoUpdate({ target: [xeroOwnWrites.orgId, xeroOwnWrites.category, xeroOwnWrites.xeroId], set: { updatedAt: sql`excluded.updated_at` } });
}

/**
 * The events that are the echo of our own write (dated at or just after what that write got back,
 * or before it, which the write's answer already covers): their records need no fetch.
 */
export async function ownEchoes(db: Db, orgId: string, events: Pick<XeroWebhookEvent, "id" | "category" | "resourceId" | "eventDate">[]): Promise<Set<string>> {
  const candidates = events.filter((e) => e.category === "CONTACT" || e.category === "INVOICE");
  if (!candidates.length) return new Set();
  const writes = await db
    .select()
    .from(xeroOwnWrites)
    .where(and(eq(xeroOwnWrites.orgId, orgId), inArray(xeroOwnWrites.xeroId, [...new Set(candidates.map((e) => e.resourceId))])));
  const writtenAt = new Map(writes.map((w) => [`${w.category}|${w.xeroId.toLowerCase()}`, w.updatedAt.getTime()]));
  return new Set(
    candidates
      .filter((e) => {
        const at = writtenAt.get(`${e.category}|${e.resourceId.toLowerCase()}`);
        return at !== undefined && e.eventDate.getTime() <= at + ECHO_WINDOW_MS;
      })
      .map((e) => e.id),
  );
}
