import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroCallStats, xeroRequestLog } from "@/db/schema";

export interface XeroCallRecord {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  bytes: number;
  correlationId?: string | null;
  /** XeroError's code for a failed call (timeout, network, rate_limited, ...). */
  errorCode?: string | null;
}

/** Counts a Xero call against the organisation's day and logs it (no tokens, no bodies). */
export async function recordXeroCall(db: Db, orgId: string, call: XeroCallRecord, now = new Date()): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  const isError = call.status === 0 || call.status >= 400 ? 1 : 0;
  const limited = call.status === 429 ? 1 : 0;
  await db
    .insert(xeroCallStats)
    .values({ orgId, day, calls: 1, errors: isError, rateLimited: limited, bytesReceived: call.bytes })
    .onConflictDoUpdate({
      target: [xeroCallStats.orgId, xeroCallStats.day],
      set: {
        calls: sql`${xeroCallStats.calls} + 1`,
        errors: sql`${xeroCallStats.errors} + ${isError}`,
        rateLimited: sql`${xeroCallStats.rateLimited} + ${limited}`,
        bytesReceived: sql`${xeroCallStats.bytesReceived} + ${call.bytes}`,
      },
    });
  await db.insert(xeroRequestLog).values({ orgId, ...call, correlationId: call.correlationId ?? null, errorCode: call.errorCode ?? null, createdAt: now });
}

export async function callsToday(db: Db, orgId: string, now = new Date()) {
  const [row] = await db
    .select()
    .from(xeroCallStats)
    .where(and(eq(xeroCallStats.orgId, orgId), eq(xeroCallStats.day, now.toISOString().slice(0, 10))));
  return row ?? { calls: 0, errors: 0, rateLimited: 0, bytesReceived: 0 };
}

export async function recentXeroRequests(db: Db, orgId: string, limit = 50) {
  return db.select().from(xeroRequestLog).where(eq(xeroRequestLog.orgId, orgId)).orderBy(desc(xeroRequestLog.createdAt)).limit(limit);
}
