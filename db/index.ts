import path from "node:path";
import { getEnv } from "@/lib/env";
import { openNeon } from "./drivers/neon";
import { openNodePostgres } from "./drivers/node-postgres";
import { openPglite } from "./drivers/pglite";
import type { Db, DbHandle } from "./drivers/types";

export type { Db } from "./drivers/types";

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

// One handle per process: PGlite costs seconds and ~1 GB to open, and a Next dev server
// re-evaluates modules, so the handle lives on globalThis rather than in module scope.
const store = globalThis as unknown as { __ledgerbridgeDb?: DbHandle; __ledgerbridgeDbReady?: Promise<void> };

function open(): DbHandle {
  const { database, isBuildPhase } = getEnv();
  // A page that reaches the database while `next build` prerenders it would bake one moment's
  // data into static HTML (and lock PGlite's folder under a running server): fail the build loudly.
  if (isBuildPhase) throw new Error("The database was opened during `next build`. Make the page dynamic (await connection()).");
  if (database.driver === "pglite") return openPglite(database.dataDir);
  if (database.driver === "neon") return openNeon(database.url!);
  return openNodePostgres(database.url!);
}

export function getDb(): Db {
  store.__ledgerbridgeDb ??= open();
  return store.__ledgerbridgeDb.db;
}

/** Applies the committed migrations once per process (idempotent: drizzle keeps a journal). */
export function ensureDatabaseReady(): Promise<void> {
  store.__ledgerbridgeDb ??= open();
  const handle = store.__ledgerbridgeDb;
  store.__ledgerbridgeDbReady ??= handle.migrate(MIGRATIONS_FOLDER).catch((error: unknown) => {
    store.__ledgerbridgeDbReady = undefined;
    throw error;
  });
  return store.__ledgerbridgeDbReady;
}

export async function closeDb(): Promise<void> {
  const handle = store.__ledgerbridgeDb;
  store.__ledgerbridgeDb = undefined;
  store.__ledgerbridgeDbReady = undefined;
  await handle?.close();
}
