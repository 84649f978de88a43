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
 * Settings every server connection starts with (the startup `options`). JIT off: Postgres compiles a
 * query to machine code when its estimated cost is high, and a report's misestimated joins made it
 * spend 2.4 s of a 3 s query compiling (bench:reports, cash flow on 100,000 invoices); the app's
 * queries are short and are not helped by it.
 * (Not plan_cache_mode: forcing generic plans reaches every parameterised statement, unnamed ones
 * too, and a generic plan cannot prove a partial index's predicate from parameters: ageing read
 * every invoice instead of the open ones' index. The named statements that gain from a generic plan
 * are written so that Postgres picks it itself: lib/prepared-query.ts.)
 */
export const SESSION_OPTIONS = "-c jit=off";
