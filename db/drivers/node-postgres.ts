import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "../schema";
import { SESSION_OPTIONS, type DbHandle } from "./types";

export function openNodePostgres(url: string): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: SESSION_OPTIONS });
  const db = drizzle({ client: pool, schema });
  return {
    db,
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}
