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
 */
export const SESSION_OPTIONS = "-c jit=off";
