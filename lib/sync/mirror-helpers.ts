import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers } from "@/db/schema";

/** Our customer for each Xero contact id that is linked to one (mirrored documents carry it). */
export async function customersByContact(db: Db, orgId: string, contactIds: (string | undefined | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(contactIds.filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: customers.id, xeroContactId: customers.xeroContactId })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), inArray(customers.xeroContactId, ids)));
  return new Map(rows.map((r) => [r.xeroContactId!, r.id]));
}

/** The `set` of an upsert that takes every listed column from the row being inserted (`excluded.`). */
export function excludedSet(columns: string[]) {
  return Object.fromEntries(columns.map((c) => [c.replace(/_(\w)/g, (_, x: string) => x.toUpperCase()), sql.raw(`excluded.${c}`)]));
}
