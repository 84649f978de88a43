import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers } from "@/db/schema";

/**
 * Resolves the customer column of a deals file (an external id, an email or a name) to ids,
 * fetching only the customers the file names, 1000 references per query. Keys: the external id
 * as written, and lower-cased email and name.
 */
export async function resolveCustomerRefs(db: Db, orgId: string, refs: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(refs)];
  const lowered = [...new Set(wanted.map((r) => r.toLowerCase()))];
  const found = new Map<string, string>();
  for (let i = 0; i < Math.max(wanted.length, lowered.length); i += 1000) {
    const exact = wanted.slice(i, i + 1000);
    const lower = lowered.slice(i, i + 1000);
    const rows = await db
      .select({ id: customers.id, name: customers.name, email: customers.email, externalId: customers.externalId })
      .from(customers)
      .where(
        and(
          eq(customers.orgId, orgId),
          or(
            exact.length ? inArray(customers.externalId, exact) : undefined,
            lower.length ? inArray(sql`lower(${customers.email})`, lower) : undefined,
            lower.length ? inArray(sql`lower(${customers.name})`, lower) : undefined,
          ),
        ),
      )
      .orderBy(customers.createdAt);
    for (const c of rows) for (const key of [c.externalId, c.email?.toLowerCase(), c.name.toLowerCase()]) if (key && !found.has(key)) found.set(key, c.id);
  }
  return found;
}
