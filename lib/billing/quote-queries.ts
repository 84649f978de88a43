import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { quotes } from "@/db/schema";

export const quoteListQuery = z.object({
  dealId: z.uuid("dealId must be a deal id.").optional(),
  status: z.enum(["PENDING", "DRAFT", "SENT", "DECLINED", "ACCEPTED", "INVOICED", "DELETED"], { error: "status must be PENDING, DRAFT, SENT, DECLINED, ACCEPTED, INVOICED or DELETED." }).optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 100." }).int().min(1, "limit must be at least 1.").max(100, "limit can be at most 100.").default(50),
});

/** The organisation's quotes, newest first, by deal and status. */
export async function listQuotes(db: Db, orgId: string, q: z.infer<typeof quoteListQuery>) {
  return db
    .select()
    .from(quotes)
    .where(and(eq(quotes.orgId, orgId), q.dealId ? eq(quotes.dealId, q.dealId) : undefined, q.status ? eq(quotes.status, q.status) : undefined))
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(q.limit);
}

/** A deal's newest quote, for its page. */
export async function latestQuoteOf(db: Db, orgId: string, dealId: string) {
  const [row] = await listQuotes(db, orgId, { dealId, limit: 1 });
  return row ?? null;
}
