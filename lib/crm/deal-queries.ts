import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { ownKey } from "@/lib/http/search-params";
import { customers, deals, pipelineStages, users } from "@/db/schema";
import { afterCursor, decodeCursor, pageOf } from "./cursor";
import { escapeLike } from "./list-params";

export interface DealFilters {
  q?: string;
  stageId?: string;
  ownerId?: string;
  customerId?: string;
}

function dealWhere(orgId: string, f: DealFilters): SQL {
  const parts: (SQL | undefined)[] = [eq(deals.orgId, orgId)];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(deals.title, like), ilike(customers.name, like)));
  }
  if (f.stageId) parts.push(eq(deals.stageId, f.stageId));
  if (f.ownerId) parts.push(eq(deals.ownerId, f.ownerId));
  if (f.customerId) parts.push(eq(deals.customerId, f.customerId));
  return and(...parts)!;
}

const SORTS = { title: sql`lower(${deals.title})`, amount: deals.amount, expectedCloseDate: deals.expectedCloseDate, createdAt: deals.createdAt, stage: pipelineStages.position } as const;

const listColumns = { deal: deals, customerName: customers.name, stageName: pipelineStages.name, stageKind: pipelineStages.kind, ownerName: users.name };

export async function listDeals(db: Db, orgId: string, f: DealFilters & { sort?: string; dir?: "asc" | "desc"; page: number; pageSize: number }) {
  const where = dealWhere(orgId, f);
  const sortKey = ownKey(SORTS, f.sort) ? f.sort : "createdAt";
  const order = (f.dir ?? (sortKey === "title" ? "asc" : "desc")) === "asc" ? asc : desc;
  const base = () =>
    db
      .select(listColumns)
      .from(deals)
      .innerJoin(customers, eq(customers.id, deals.customerId))
      .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
      .leftJoin(users, eq(users.id, deals.ownerId));
  const [rows, [{ total }]] = await Promise.all([
    base()
      .where(where)
      .orderBy(order(SORTS[sortKey]), asc(deals.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(deals).innerJoin(customers, eq(customers.id, deals.customerId)).where(where),
  ]);
  return { rows, total, sort: sortKey };
}

/** The board: every open deal plus those closed in the last 90 days, so the columns stay readable. */
export async function listBoardDeals(db: Db, orgId: string) {
  return db
    .select(listColumns)
    .from(deals)
    .innerJoin(customers, eq(customers.id, deals.customerId))
    .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(and(eq(deals.orgId, orgId), or(eq(pipelineStages.kind, "open"), sql`coalesce(${deals.wonAt}, ${deals.lostAt}) > now() - interval '90 days'`)))
    .orderBy(desc(deals.updatedAt))
    .limit(500);
}

export async function listDealsAfter(db: Db, orgId: string, cursor: string | null, limit: number, f: DealFilters = {}) {
  const rows = await db
    .select({ deal: deals })
    .from(deals)
    .innerJoin(customers, eq(customers.id, deals.customerId))
    .where(and(dealWhere(orgId, f), afterCursor(deals.createdAt, deals.id, decodeCursor(cursor))))
    .orderBy(asc(deals.createdAt), asc(deals.id))
    .limit(limit + 1);
  return pageOf(
    rows.map((r) => r.deal),
    limit,
  );
}
