import { and, eq, gt, or, type AnyColumn, type SQL } from "drizzle-orm";
import { parseInstant } from "@/lib/bounded-date";
import { AppError } from "@/lib/errors";

/**
 * Keyset paging for the tenant API: the cursor is the (created_at, id) of the last row sent, so a
 * page costs the same at row 10 or row 100,000 and rows added meanwhile are not skipped.
 */
export interface Cursor {
  createdAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(value: string | null): Cursor | null {
  if (!value) return null;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [string, string];
    // Only what encodeCursor makes: an ISO instant Postgres can hold and a uuid. Anything else would reach the query as a 500.
    if (typeof createdAt !== "string" || typeof id !== "string" || !parseInstant(createdAt) || !UUID.test(id)) throw new Error("shape");
    return { createdAt, id };
  } catch {
    throw new AppError("validation", "cursor: not a cursor this API gave out. Use next_cursor from the previous page.", [
      { field: "cursor", message: "Use next_cursor from the previous page, or leave it out for the first page." },
    ]);
  }
}

export function afterCursor(createdAtColumn: AnyColumn, idColumn: AnyColumn, cursor: Cursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const at = new Date(cursor.createdAt);
  return or(gt(createdAtColumn, at), and(eq(createdAtColumn, at), gt(idColumn, cursor.id)));
}

export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]) : null };
}
