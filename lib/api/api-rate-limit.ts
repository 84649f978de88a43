import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiRequestCounts } from "@/db/schema";

export const API_REQUESTS_PER_MINUTE = 300;

export interface ApiAdmission {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the next minute window. */
  retryAfter: number;
}

/**
 * Counts one request for the key in the current minute (one upsert, so concurrent requests on any
 * instance add up) and says whether it is within the limit.
 */
export async function admitApiRequest(db: Db, apiKeyId: string, now = new Date(), limit = API_REQUESTS_PER_MINUTE): Promise<ApiAdmission> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [row] = await db
    .insert(apiRequestCounts)
    .values({ apiKeyId, minute, count: 1 })
    .onConflictDoUpdate({ target: [apiRequestCounts.apiKeyId, apiRequestCounts.minute], set: { count: sql`${apiRequestCounts.count} + 1` } })
    .returning({ count: apiRequestCounts.count });
  // The first request of a minute sweeps this key's old windows, so the table stays small.
  if (row.count === 1) await db.delete(apiRequestCounts).where(and(eq(apiRequestCounts.apiKeyId, apiKeyId), lt(apiRequestCounts.minute, minute)));
  const retryAfter = Math.max(1, Math.ceil((minute.getTime() + 60_000 - now.getTime()) / 1000));
  return { allowed: row.count <= limit, limit, remaining: Math.max(0, limit - row.count), retryAfter };
}
