import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { getEnv } from "@/lib/env";

/**
 * A report's many rows, in `orderBy`'s order. On PGlite they come back as one JSON array: PGlite
 * decodes every field of every row in JavaScript, and one JSON value is parsed natively instead
 * (bench:reports' 6,000 leakage rows of 12 columns: 70-110 ms as rows, 45 ms as JSON). Over the
 * wire to PostgreSQL plain rows are cheaper (13 ms against 37 ms), so they stay rows there.
 * JSON keeps text, uuid, integer (int4) and boolean columns exactly as rows do; cast numeric, dates and
 * timestamps to text in `rows` first. `rows` is a subquery whose columns are aliased `r` here.
 */
export async function reportRows<T extends Record<string, unknown>>(db: Db, rows: SQL, orderBy: SQL, asJson = getEnv().database.driver === "pglite"): Promise<T[]> {
  if (!asJson) return (await db.execute<T>(sql`select * from (${rows}) r order by ${orderBy}`)).rows as T[];
  const { rows: [all] } = await db.execute<{ rows: string }>(sql`select coalesce(json_agg(r order by ${orderBy}), '[]')::text as rows from (${rows}) r`);
  return JSON.parse(all.rows) as T[];
}
