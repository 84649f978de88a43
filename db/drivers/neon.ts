import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { migrate } from "drizzle-orm/neon-serverless/migrator";
import ws from "ws";
import * as schema from "../schema";
import { SESSION_OPTIONS, type Db, type DbHandle } from "./types";

// Node 20 has no global WebSocket; the Pool driver needs one. The Pool (not the HTTP driver)
// is used because it supports interactive transactions, which the outbox relies on.
neonConfig.webSocketConstructor = ws;

export function openNeon(url: string): DbHandle {
  const pool = new Pool({ connectionString: url, options: SESSION_OPTIONS });
  const db = drizzle({ client: pool, schema });
  return {
    db: db as unknown as Db,
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}

/**
 * Points the Neon driver at a plain Postgres through a local WebSocket-to-TCP proxy, so tests
 * exercise the production driver against the machine's Postgres (stack-notes.md).
 */
export function routeNeonThroughLocalProxy(proxyPort: number): void {
  neonConfig.wsProxy = (host, port) => `127.0.0.1:${proxyPort}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  // With pipelining on, password auth fails ("invalid SASL authentication mechanism").
  neonConfig.pipelineConnect = false;
}
