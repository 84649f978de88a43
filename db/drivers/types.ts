import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type * as schema from "../schema";

/**
 * One database type for every driver and for transactions: the drizzle flavours share
 * PgDatabase's query builder and a transaction is a PgDatabase too, so domain functions take
 * `Db` and work inside or outside a transaction. Raw `execute` results are read as `.rows`,
 * which all three drivers return.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings every server connection starts with (the startup `options`).
 * - JIT off: Postgres compiles a query to machine code when its estimated cost is high, and a
 *   report's misestimated joins made it spend 2.4 s of a 3 s query compiling (bench:reports, cash
 *   flow on 100,000 invoices); the app's queries are short and are not helped by it.
 * - Generic plans for named prepared statements (lib/prepared-query.ts, the status endpoints):
 *   with time parameters (`created_at > $n`) a generic plan's estimate always looked dearer than a
 *   custom one, so Postgres planned the statement again on every call, and planning cost more than
 *   running it (the admin status: 1.45 ms of Postgres CPU a call, 0.45 ms with the generic plan;
 *   832 -> 1,933 calls a second in-process, the admin overview of 200 tenants 11.0 -> 7.7 ms). Only
 *   named statements are affected: the app's other queries are unnamed (planned once each anyway),
 *   and the trigger functions' statements take no parameters.
 */
export const SESSION_OPTIONS = "-c jit=off -c plan_cache_mode=force_generic_plan";
