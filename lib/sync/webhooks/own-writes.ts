import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroOwnWrites, type xeroWebhookEvents } from "@/db/schema";

type XeroWebhookEvent = typeof xeroWebhookEvents.$inferSelect;
type EchoCandidate = Pick<XeroWebhookEvent, "id" | "category" | "resourceId" | "eventDate">;

export type OwnWriteCategory = "CONTACT" | "INVOICE";

/**
 * How much later than the UpdatedDateUTC of our write its echo may be dated and still be taken for
 * it. Xero stamps the event when it raises it, a moment after the record's save (the sandbox:
 * milliseconds). Within it, a write still absorbs only one event (its echo raises exactly one), so
 * a change typed into Xero right after our write (the accountant approving the invoice we just
 * pushed) is fetched at once like any other.
 */
export const ECHO_WINDOW_MS = 1000;

/**
 * Records the UpdatedDateUTC each record of our write came back with (the answer Xero gave to it).
 * A newer stamp is a new write, echoed once more: its absorption starts again. The same or an older
 * stamp (a replayed Idempotency-Key answer, a stalled worker's late answer) raised no new event.
 */
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
    .onConflictDoUpdate({
      target: [xeroOwnWrites.orgId, xeroOwnWrites.category, xeroOwnWrites.xeroId],
      set: { updatedAt: sql`excluded.updated_at`, echoEventId: null },
      setWhere: sql`excluded.updated_at > ${xeroOwnWrites.updatedAt}`,
    });
}

/**
 * The events that need no fetch because of our own write: the one event it absorbed as its echo (the
 * first for the record, by date then id, dated no later than the write's stamp + ECHO_WINDOW_MS), and
 * events dated before the write, which its answer already covers. Any other event for the record is
 * a change and is fetched. The absorption is one conditional update of the write's row, so it is
 * kept across a restart and two workers at once absorb one event between them, never two.
 */
export async function ownEchoes(db: Db, orgId: string, events: EchoCandidate[]): Promise<Set<string>> {
  const candidates = events.filter((e) => e.category === "CONTACT" || e.category === "INVOICE");
  if (!candidates.length) return new Set();
  const keyOf = (category: string, xeroId: string) => `${category}|${xeroId.toLowerCase()}`;
  const ids = [...new Set(candidates.map((e) => e.resourceId.toLowerCase()))];
  const readWrites = async () => {
    const rows = await db
      .select()
      .from(xeroOwnWrites)
      .where(and(eq(xeroOwnWrites.orgId, orgId), inArray(sql`lower(${xeroOwnWrites.xeroId})`, ids)));
    return new Map(rows.map((w) => [keyOf(w.category, w.xeroId), w]));
  };
  const byRecord = new Map<string, EchoCandidate[]>();
  for (const e of candidates) byRecord.set(keyOf(e.category, e.resourceId), [...(byRecord.get(keyOf(e.category, e.resourceId)) ?? []), e]);

  let writes = await readWrites();
  const claims: { category: string; xero_id: string; updated_at: string; event_id: string }[] = [];
  for (const [key, w] of writes) {
    if (w.echoEventId) continue;
    const at = w.updatedAt.getTime();
    const [first] = (byRecord.get(key) ?? []).filter((e) => e.eventDate.getTime() <= at + ECHO_WINDOW_MS).sort((a, b) => a.eventDate.getTime() - b.eventDate.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (first) claims.push({ category: w.category, xero_id: w.xeroId, updated_at: w.updatedAt.toISOString(), event_id: first.id });
  }
  if (claims.length) {
    // Only a write still unabsorbed, and still the one read above (a newer write has its own echo to come).
    await db.execute(sql`
      update ${xeroOwnWrites} set echo_event_id = v.event_id
      from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) as v(category text, xero_id text, updated_at timestamptz, event_id text)
      where ${xeroOwnWrites.orgId} = ${orgId} and ${xeroOwnWrites.category} = v.category and ${xeroOwnWrites.xeroId} = v.xero_id
        and ${xeroOwnWrites.updatedAt} = v.updated_at and ${xeroOwnWrites.echoEventId} is null`);
    // Read again: what the row names now is the echo, whichever worker's update set it.
    writes = await readWrites();
  }
  return new Set(
    candidates
      .filter((e) => {
        const w = writes.get(keyOf(e.category, e.resourceId));
        return w !== undefined && (e.id === w.echoEventId || e.eventDate.getTime() < w.updatedAt.getTime());
      })
      .map((e) => e.id),
  );
}
