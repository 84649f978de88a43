import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { assertCan } from "@/lib/tenancy/roles";
import { customers, deals, products, subscriptions, syncItems } from "@/db/schema";
import { CAUSE_LABELS, type SyncCause } from "../causes";

export interface ErrorLogRow {
  id: string;
  entityType: string;
  entityId: string;
  recordName: string;
  href: string | null;
  cause: string;
  causeLabel: string;
  fix: string;
  xeroMessage: string | null;
  attempts: number;
  at: Date;
}

/**
 * The error log: every record whose last sync failed, with our cause, what to do (in our words),
 * Xero's own message, and a link to the record; grouped counts per cause for the filter.
 */
export async function listSyncErrors(db: Db, ctx: Pick<OrgContext, "org" | "role">, filter: { cause?: string; limit?: number } = {}) {
  assertCan(ctx, "sync:operate");
  return querySyncErrors(db, ctx.org, filter);
}

/** The error log of an organisation, for a caller that has already checked who may read it (the member's page, the platform admin's). */
export async function querySyncErrors(db: Db, org: Pick<OrgContext["org"], "id" | "slug">, filter: { cause?: string; limit?: number } = {}) {
  const where: SQL[] = [eq(syncItems.orgId, org.id), eq(syncItems.status, "failed")];
  const byCause = await db
    .select({ cause: syncItems.lastErrorCode, n: count() })
    .from(syncItems)
    .where(and(...where))
    .groupBy(syncItems.lastErrorCode);
  if (filter.cause) where.push(eq(syncItems.lastErrorCode, filter.cause));
  const rows = await db
    .select()
    .from(syncItems)
    .where(and(...where))
    .orderBy(desc(syncItems.updatedAt))
    .limit(filter.limit ?? 200);
  const names = await recordNames(db, org.id, rows);
  const list: ErrorLogRow[] = rows.map((r) => {
    const cause = r.lastErrorCode ?? "validation";
    return {
      id: r.id,
      entityType: r.entityType,
      entityId: r.entityId,
      recordName: names.get(r.entityId) ?? "(deleted record)",
      href: hrefFor(org.slug, r.entityType, r.entityId, names.has(r.entityId)),
      cause,
      causeLabel: CAUSE_LABELS[cause as SyncCause] ?? cause,
      fix: r.lastErrorMessage ?? "",
      xeroMessage: r.lastXeroMessage,
      attempts: r.attempts,
      at: r.updatedAt,
    };
  });
  return { rows: list, causes: byCause.map((c) => ({ cause: c.cause ?? "validation", label: CAUSE_LABELS[(c.cause ?? "validation") as SyncCause] ?? c.cause ?? "", count: Number(c.n) })) };
}

/** The names people know records by, for the entity ids of sync rows (one query per kind). */
export async function recordNames(db: Db, orgId: string, rows: { entityType: string; entityId: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))];
  const out = new Map<string, string>();
  const c = ids("customer");
  if (c.length) for (const r of await db.select({ id: customers.id, name: customers.name }).from(customers).where(and(eq(customers.orgId, orgId), inArray(customers.id, c)))) out.set(r.id, r.name);
  // An invoice email is keyed by its deal: the person knows it by the deal's name and acts there.
  const d = [...ids("deal"), ...ids("invoice_email")];
  if (d.length) for (const r of await db.select({ id: deals.id, name: deals.title }).from(deals).where(and(eq(deals.orgId, orgId), inArray(deals.id, d)))) out.set(r.id, r.name);
  const p = ids("product");
  if (p.length) for (const r of await db.select({ id: products.id, name: products.name }).from(products).where(and(eq(products.orgId, orgId), inArray(products.id, p)))) out.set(r.id, r.name);
  const s = ids("subscription");
  if (s.length) for (const r of await db.select({ id: subscriptions.id, name: subscriptions.interval }).from(subscriptions).where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.id, s)))) out.set(r.id, `${r.name} subscription`);
  return out;
}

export function hrefFor(slug: string, entityType: string, id: string, exists = true): string | null {
  if (!exists) return null;
  if (entityType === "customer") return `/o/${slug}/customers/${id}`;
  if (entityType === "deal" || entityType === "invoice_email") return `/o/${slug}/deals/${id}`;
  if (entityType === "product") return `/o/${slug}/products/${id}`;
  return null;
}
