import path from "node:path";

/**
 * With DATABASE_URL set (CI), migrate the real Postgres once before the workers start, so they
 * never race each other applying DDL. Without it each worker migrates its own in-memory PGlite.
 */
export default async function setup() {
  const { getEnv } = await import("@/lib/env");
  const url = getEnv().database.url;
  if (!url) return;
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle({ client: pool }), { migrationsFolder: path.resolve(import.meta.dirname, "../db/migrations") });
  } finally {
    await pool.end();
  }
}
