// Applies the committed migrations to the configured database (DATABASE_URL, else the embedded PGlite).
import { closeDb, ensureDatabaseReady } from "@/db";
import { getEnv } from "@/lib/env";

const env = getEnv();
await ensureDatabaseReady();
console.log(`Migrations applied (${env.database.driver}${env.database.dataDir ? ` in ${env.database.dataDir}` : ""}).`);
await closeDb();
