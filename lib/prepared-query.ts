import { createHash } from "node:crypto";
import { parse, protocol, types } from "@electric-sql/pglite";
import pg from "pg";
import type { SQL } from "drizzle-orm";
import type { Db } from "@/db";

interface NamedQueryClient {
  query(config: { name: string; text: string; values: unknown[]; types: { getTypeParser: typeof pg.types.getTypeParser } }): Promise<{ rows: unknown[] }>;
}

type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

/** The parts of a PGlite instance a named statement needs (its transaction lock too: see executePgliteNamed). */
interface PgliteClient {
  execProtocolStream(message: Uint8Array, options: { syncToFs: boolean }): Promise<BackendMessage[]>;
  syncToFs(): Promise<void>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  parsers: Record<number, (value: string, typeId?: number) => unknown>;
  serializers: Record<number, (value: unknown) => string>;
}

/**
 * A raw statement run as a named prepared statement: on the pg and Neon pools through the driver's
 * named statements, on PGlite through its wire protocol. Postgres plans its first calls for their
 * values, then keeps one generic plan when that is no dearer, so a statement run on every request
 * should hide its per-call values from the planner (health-facts.ts does): planning the status
 * statement cost more than running it (PostgreSQL 2.3 ms against 0.8 ms, EXPLAIN ANALYZE on the
 * bench books; PGlite 4.75 ms planned each call, 1.10 ms on the generic plan). The name is the
 * text's hash, so each distinct text is its own statement. In a transaction it is an ordinary execute.
 */
export async function executePrepared<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<{ rows: T[] }> {
  const client = (db as unknown as { $client?: unknown }).$client as object | undefined;
  const dialect = (db as unknown as { dialect?: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
  const kind = client && dialect ? clientKind(client) : null;
  if (!kind) return (await db.execute<T>(query)) as unknown as { rows: T[] };
  const { sql: text, params } = dialect!.sqlToQuery(query);
  const name = `q_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  if (kind === "pglite") return { rows: (await executePgliteNamed(client as PgliteClient, name, text, params)) as T[] };
  return (await (client as NamedQueryClient).query({ name, text, values: params, types: { getTypeParser: textDatesParser } })) as { rows: T[] };
}

/** The pg and Neon pools take named statements; so does a PGlite instance (not its transaction object). */
function clientKind(client: object): "pool" | "pglite" | null {
  if ("totalCount" in client && "idleCount" in client && typeof (client as Partial<NamedQueryClient>).query === "function") return "pool";
  if (typeof (client as Partial<PgliteClient>).execProtocolStream === "function" && typeof (client as Partial<PgliteClient>)._runExclusiveTransaction === "function") return "pglite";
  return null;
}

/**
 * Statements parsed on a PGlite instance (it is one session), with their parameters' types, kept on
 * the instance itself: Next bundles this module into each route's chunk, and a map per copy made a
 * second route parse a statement the first had made ("prepared statement already exists", 42P05).
 */
const STATEMENTS = Symbol.for("ledgerbridge.pgliteStatements");
const statementsOf = (client: PgliteClient) => ((client as PgliteClient & { [STATEMENTS]?: Map<string, number[]> })[STATEMENTS] ??= new Map());

/** Dates, times and numeric[] come back as the text Postgres sent, as drizzle's drivers give them to db.execute. */
const AS_TEXT = [types.DATE, types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, 1182, 1115, 1185, 1187, 1231];
const asText = (value: string) => value;
const textDatesParser = ((oid: number, format?: string) => (AS_TEXT.includes(oid) ? asText : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser;
const PGLITE_TEXT_PARSERS = Object.fromEntries(AS_TEXT.map((id) => [id, asText]));

/**
 * Parse once (named), then bind, describe, execute and sync, the messages PGlite's own query sends
 * for its unnamed statement. Under both of PGlite's locks, as its query() runs: the query lock alone
 * would let this run inside another caller's open transaction.
 */
async function executePgliteNamed(client: PgliteClient, name: string, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  return client._runExclusiveTransaction(() =>
    client._runExclusiveQuery(async () => {
      const send = (message: Uint8Array) => client.execProtocolStream(message, { syncToFs: false });
      const known = statementsOf(client);
      const messages: BackendMessage[] = [];
      try {
        let paramTypes = known.get(name);
        if (!paramTypes) {
          await send(protocol.serialize.parse({ name, text, types: [] })).catch(async (error: unknown) => {
            // Parsed already on this session (the same text has the same name): end the failed step and describe it.
            if ((error as { code?: string }).code !== "42P05") throw error;
            await send(protocol.serialize.sync());
          });
          const described = await send(protocol.serialize.describe({ type: "S", name }));
          paramTypes = (described.find((m) => m.name === "parameterDescription") as { dataTypeIDs?: number[] } | undefined)?.dataTypeIDs ?? [];
          known.set(name, paramTypes);
        }
        const typeIds = paramTypes;
        const values = params.map((value, i) => (value === null || value === undefined ? null : (client.serializers[typeIds[i]] ?? String)(value)));
        messages.push(...(await send(protocol.serialize.bind({ statement: name, values }))));
        messages.push(...(await send(protocol.serialize.describe({ type: "P" }))));
        messages.push(...(await send(protocol.serialize.execute({}))));
      } finally {
        messages.push(...(await send(protocol.serialize.sync())));
      }
      await client.syncToFs();
      return (parse.parseResults(messages, { ...client.parsers, ...PGLITE_TEXT_PARSERS }, { rowMode: "object" })[0]?.rows ?? []) as Record<string, unknown>[];
    }),
  );
}
