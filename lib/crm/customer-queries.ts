import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, users } from "@/db/schema";
import { afterCursor, decodeCursor, pageOf } from "./cursor";
import { ownKey } from "@/lib/http/search-params";
import { escapeLike } from "./list-params";

export interface CustomerFilters {
  q?: string;
  ownerId?: string;
  leadSource?: string;
  country?: string;
}

function customerWhere(orgId: string, f: CustomerFilters): SQL {
  const parts: (SQL | undefined)[] = [eq(customers.orgId, orgId)];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(customers.name, like), ilike(customers.email, like), ilike(customers.city, like)));
  }
  if (f.ownerId) parts.push(eq(customers.ownerId, f.ownerId));
  if (f.leadSource) parts.push(eq(customers.leadSource, f.leadSource));
  if (f.country) parts.push(eq(customers.country, f.country));
  return and(...parts)!;
}

const SORTS = { name: sql`lower(${customers.name})`, createdAt: customers.createdAt, updatedAt: customers.updatedAt, country: customers.country } as const;
export type CustomerSort = keyof typeof SORTS;

/** A page of the customers table, with the total for the pager. */
export async function listCustomers(db: Db, orgId: string, f: CustomerFilters & { sort?: string; dir?: "asc" | "desc"; page: number; pageSize: number }) {
  const where = customerWhere(orgId, f);
  const sortKey: CustomerSort = ownKey(SORTS, f.sort) ? f.sort : "name";
  const order = (f.dir ?? (sortKey === "name" ? "asc" : "desc")) === "asc" ? asc : desc;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ customer: customers, ownerName: users.name })
      .from(customers)
      .leftJoin(users, eq(users.id, customers.ownerId))
      .where(where)
      .orderBy(order(SORTS[sortKey]), asc(customers.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(customers).where(where),
  ]);
  return { rows, total, sort: sortKey };
}

/** Cursor paging for the tenant API (oldest first, stable under inserts). */
export async function listCustomersAfter(db: Db, orgId: string, cursor: string | null, limit: number, f: CustomerFilters = {}) {
  const rows = await db
    .select()
    .from(customers)
    .where(and(customerWhere(orgId, f), afterCursor(customers.createdAt, customers.id, decodeCursor(cursor))))
    .orderBy(asc(customers.createdAt), asc(customers.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

export async function listLeadSources(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ leadSource: customers.leadSource })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), sql`${customers.leadSource} is not null`))
    .orderBy(customers.leadSource);
  return rows.map((r) => r.leadSource!);
}

/** For customer pickers: a short list matching what was typed. */
export async function searchCustomerChoices(db: Db, orgId: string, q = "", limit = 200) {
  return db
    .select({ id: customers.id, name: customers.name, currency: customers.currency })
    .from(customers)
    .where(customerWhere(orgId, { q: q || undefined }))
    .orderBy(sql`lower(${customers.name})`)
    .limit(limit);
}
