import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { SyncEntity, SyncItem } from "@/db/schema";

/** Longer than any batch write takes, short enough that a dead worker's rows come back soon. */
export const CLAIM_LEASE_MS = 2 * 60_000;

export interface Claim {
  token: string;
  items: SyncItem[];
}

/**
 * Claims up to `limit` due outbox rows of one kind for one organisation, in Postgres, so any
 * number of workers, instances or re-run jobs never send the same row twice: rows are locked with
 * SKIP LOCKED, a record with a row already in flight is left alone (its next change waits for the
 * first), and the claim holds a lease. A row whose lease lapsed (its worker died mid-write) is
 * claimed again and flagged uncertain: that worker may have written it to Xero.
 */
export async function claimDueItems(db: Db, orgId: string, entityType: SyncEntity, limit: number, options: { leaseMs?: number; now?: Date } = {}): Promise<Claim> {
  const token = randomUUID();
  const now = (options.now ?? new Date()).toISOString();
  const until = new Date(Date.parse(now) + (options.leaseMs ?? CLAIM_LEASE_MS)).toISOString();
  const result = await db.execute(sql`
    with due as (
      select s.id from sync_items s
      where s.org_id = ${orgId} and s.entity_type = ${entityType} and s.direction = 'push'
        and (
          (s.status = 'pending' and s.next_attempt_at <= ${now}::timestamptz
            and not exists (
              select 1 from sync_items f
              where f.org_id = s.org_id and f.entity_type = s.entity_type and f.entity_id = s.entity_id
                and f.status = 'in_flight' and f.claimed_until > ${now}::timestamptz))
          or (s.status = 'in_flight' and s.claimed_until <= ${now}::timestamptz)
        )
      order by s.created_at, s.id
      limit ${limit}
      for update skip locked
    )
    update sync_items s set
      uncertain = s.uncertain or s.status = 'in_flight',
      status = 'in_flight',
      claim_token = ${token},
      claimed_until = ${until}::timestamptz,
      attempts = s.attempts + 1,
      updated_at = now()
    from due where s.id = due.id
    returning s.*`);
  const items = (result.rows as Record<string, unknown>[]).map(toSyncItem).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return { token, items };
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
