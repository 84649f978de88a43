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
