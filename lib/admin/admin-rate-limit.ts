import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { adminRequestCounts } from "@/db/schema";

/** Per admin token (or admin session) and minute: generous for a person or a dashboard, a stop for a runaway script. */
export const ADMIN_REQUESTS_PER_MINUTE = 600;

/**
 * Counts one request for the bucket in the current minute (one upsert, so concurrent requests on any
 * instance add up) and says whether it is within the limit, and if not, how long to wait.
 */
export async function admitAdminRequest(db: Db, bucket: string, now = new Date(), limit = ADMIN_REQUESTS_PER_MINUTE): Promise<{ allowed: boolean; retryAfter: number; remaining: number; limit: number }> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [row] = await db
    .insert(adminRequestCounts)
    .values({ bucket, minute, count: 1 })
    .onConflictDoUpdate({ target: [adminRequestCounts.bucket, adminRequestCounts.minute], set: { count: sql`${adminRequestCounts.count} + 1` } })
    .returning({ count: adminRequestCounts.count });
  // The first request of a minute sweeps the bucket's old windows, so the table stays small.
  if (row.count === 1) await db.delete(adminRequestCounts).where(and(eq(adminRequestCounts.bucket, bucket), lt(adminRequestCounts.minute, minute)));
  const retryAfter = Math.max(1, Math.ceil((minute.getTime() + 60_000 - now.getTime()) / 1000));
  return { allowed: row.count <= limit, retryAfter, remaining: Math.max(0, limit - row.count), limit };
}
