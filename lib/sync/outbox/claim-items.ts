import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncItems, type SyncEntity, type SyncItem } from "@/db/schema";

/** Longer than any batch write takes, short enough that a dead worker's rows come back soon. */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * A lease ends on the database's clock, as job claims do: every instance compares leases against the
 * same now(), so one whose clock runs ahead never takes over a row whose lease is live.
 */
const leaseEnd = (leaseMs = CLAIM_LEASE_MS) => sql`now() + ${Math.round(leaseMs)}::integer * interval '1 millisecond'`;

export interface Claim {
  token: string;
  items: SyncItem[];
}

/**
 * Claims up to `limit` due outbox rows of one kind for one organisation, in Postgres, so any
 * number of workers, instances or re-run jobs never send the same row twice: rows are locked with
 * SKIP LOCKED, the claim holds a lease, and it takes at most one row per record. A row whose lease
 * lapsed (its worker stalled or died mid-write) is claimed again and flagged uncertain: that worker
 * may have written it to Xero. If the record has a newer pending row, that row goes instead and
 * carries the uncertainty; two rows of one record in one batch would be two creates in Xero.
 */
export async function claimDueItems(db: Db, orgId: string, entityType: SyncEntity, limit: number, options: { leaseMs?: number } = {}): Promise<Claim> {
  const token = randomUUID();
  const rows = await db.transaction(async (tx) => {
    await foldLapsedIntoPending(tx, orgId, entityType);
    const result = await tx.execute(sql`
      with due as (
        select s.id from sync_items s
        where s.org_id = ${orgId} and s.entity_type = ${entityType} and s.direction = 'push'
          and (
            -- Any row of the record in flight holds the pending one back, even a lapsed one: it is
            -- folded in above unless another claimer holds it right now.
            (s.status = 'pending' and s.next_attempt_at <= now()
              and not exists (
                select 1 from sync_items f
                where f.org_id = s.org_id and f.entity_type = s.entity_type and f.entity_id = s.entity_id
                  and f.direction = s.direction and f.status = 'in_flight'))
            or (s.status = 'in_flight' and s.claimed_until <= now())
          )
        order by s.created_at, s.id
        limit ${limit}
        for update skip locked
      )
      update sync_items s set
        uncertain = s.uncertain or s.status = 'in_flight',
        status = 'in_flight',
        claim_token = ${token},
        claimed_until = ${leaseEnd(options.leaseMs)},
        attempts = s.attempts + 1,
        updated_at = now()
      from due where s.id = due.id
      returning s.*`);
    return result.rows as Record<string, unknown>[];
  });
  const items = rows.map(toSyncItem).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return { token, items };
}

/**
 * A lapsed in-flight row of a record that also has a pending row is closed as superseded, and the
 * pending row (the newer change, sent in its place) is flagged uncertain: the lapsed row's worker
 * may have written, so the next write looks in Xero before creating.
 */
async function foldLapsedIntoPending(tx: Db, orgId: string, entityType: SyncEntity): Promise<void> {
  await tx.execute(sql`
    with lapsed as (
      select f.id, f.entity_id from sync_items f
      where f.org_id = ${orgId} and f.entity_type = ${entityType} and f.direction = 'push'
        and f.status = 'in_flight' and f.claimed_until <= now()
        and exists (
          select 1 from sync_items p
          where p.org_id = f.org_id and p.entity_type = f.entity_type and p.entity_id = f.entity_id
            and p.direction = f.direction and p.status = 'pending')
      for update skip locked
    ), carried as (
      update sync_items p set uncertain = true, updated_at = now()
      from lapsed
      where p.org_id = ${orgId} and p.entity_type = ${entityType} and p.direction = 'push'
        and p.entity_id = lapsed.entity_id and p.status = 'pending'
      returning p.id
    )
    update sync_items f set
      status = 'skipped', claim_token = null, claimed_until = null, uncertain = false,
      last_error_code = 'superseded', last_error_message = 'Its worker stopped before finishing; a newer change to this record is sent instead.',
      updated_at = now()
    from lapsed where f.id = lapsed.id`);
}

/**
 * Right before a write to Xero: extends the claim's lease and answers which of its rows it still
 * holds. A row missing was taken over by another worker after this one outlived its lease (a slow
 * lookup, a token refresh, a paused process); writing it as well could create a second record.
 */
export async function renewClaim(db: Db, token: string, items: Pick<SyncItem, "id">[], options: { leaseMs?: number } = {}): Promise<Set<string>> {
  if (!items.length) return new Set();
  const held = await db
    .update(syncItems)
    .set({ claimedUntil: leaseEnd(options.leaseMs), updatedAt: sql`now()` })
    .where(and(eq(syncItems.claimToken, token), eq(syncItems.status, "in_flight"), inArray(syncItems.id, items.map((i) => i.id))))
    .returning({ id: syncItems.id });
  return new Set(held.map((r) => r.id));
}

/** Raw rows (snake_case; some drivers give dates as strings) as the drizzle type. */
function toSyncItem(r: Record<string, unknown>): SyncItem {
  const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    entityType: r.entity_type as SyncItem["entityType"],
    entityId: String(r.entity_id),
    direction: r.direction as SyncItem["direction"],
    operation: r.operation as SyncItem["operation"],
    status: r.status as SyncItem["status"],
    revision: Number(r.revision),
    keyGeneration: Number(r.key_generation ?? 0),
    attempts: Number(r.attempts),
    nextAttemptAt: date(r.next_attempt_at)!,
    claimToken: text(r.claim_token),
    claimedUntil: date(r.claimed_until),
    uncertain: r.uncertain === true || r.uncertain === "t",
    requestedBy: String(r.requested_by),
    lastErrorCode: text(r.last_error_code),
    lastErrorMessage: text(r.last_error_message),
    lastXeroMessage: text(r.last_xero_message),
    xeroId: text(r.xero_id),
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
}
