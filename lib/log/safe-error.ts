/**
 * What of an error may be logged. A failed query's error message carries the query's parameter
 * values (drizzle: "Failed query: ... params: ..."; Postgres: `invalid input syntax ... "<value>"`),
 * which can be password hashes, tokens or whole CSV rows. So database errors are logged by their
 * code, constraint, table and the query's shape (its SQL with $1 placeholders), never their values;
 * other errors by name, message and stack.
 */
export interface PgErrorInfo {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The Postgres error inside whatever wrapped it (drizzle keeps the driver's error as `cause`). */
export function pgErrorOf(error: unknown): PgErrorInfo | null {
  let e = error as { code?: unknown; constraint?: string; table?: string; column?: string; cause?: unknown } | null | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    if (typeof e.code === "string" && SQLSTATE.test(e.code) && ("severity" in e || "routine" in e || "constraint" in e || "file" in e)) {
      return { code: e.code, constraint: e.constraint, table: e.table, column: e.column };
    }
    e = e.cause as typeof e;
  }
  return null;
}

/** The SQL of a failed drizzle query, placeholders and all, without parameters. */
export function queryShapeOf(error: unknown): string | null {
  const query = (error as { query?: unknown } | null)?.query;
  return typeof query === "string" ? query.slice(0, 500) : null;
}

/** The stack without its first line, which repeats the (possibly value-laden) message. */
const stackFrames = (stack: string | undefined) => stack?.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 12).join("\n");

export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: typeof error === "string" ? error.slice(0, 500) : typeof error };
  const pg = pgErrorOf(error);
  const query = queryShapeOf(error);
  if (pg || query) return { name: error.name, kind: "database", ...pg, query, stack: stackFrames(error.stack) };
  return { name: error.name, message: error.message.slice(0, 1000), stack: stackFrames(error.stack) };
}
