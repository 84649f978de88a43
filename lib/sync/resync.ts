import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { customers, deals, syncCursors } from "@/db/schema";
import { getInvoiceSettings, isInvoiceTrigger } from "@/lib/billing/invoice-settings";
import { enqueueSyncMany } from "@/lib/crm/outbox";
import { listStages } from "@/lib/crm/pipeline-stages";
import { boundedInstant } from "@/lib/bounded-date";
import { parseInput } from "@/lib/validation";
import { ALL_RESOURCES, type PullResource } from "./pull/pull-resources";
import { syncTypeOf } from "./sync-types";

/** The guide's sync types, as people and the admin API name them. */
export const RESYNC_TYPES = ["contacts", "invoices", "payments", "items", "settings"] as const;
export type ResyncType = (typeof RESYNC_TYPES)[number];

export const resyncInput = z.object({
  sync_types: z.array(z.enum(RESYNC_TYPES, { error: `Use ${RESYNC_TYPES.join(", ")} (quotes and subscriptions are not read from Xero yet: they come with billing automation).` })).min(1, "Choose at least one kind of record.").max(RESYNC_TYPES.length),
  // A date still to come would set the cursors past every change Xero has: the pulls would never read again.
  since: boundedInstant("since")
    .refine((d) => d.getTime() <= Date.now() + 60_000, "since must not be in the future: give the date the resync should read from (or leave it out for everything).")
    .nullable()
    .optional(),
});
export type ResyncInput = z.input<typeof resyncInput>;

/** The Xero lists each type re-reads: the registry's, and the organisation's settings lists. */
export const RESYNC_PULLS: Record<ResyncType, readonly PullResource[]> = {
  contacts: syncTypeOf("contacts").pulls,
  invoices: syncTypeOf("invoices").pulls,
  payments: syncTypeOf("payments").pulls,
  items: syncTypeOf("items").pulls,
  settings: ["organisation", "currencies", "tax_rates", "accounts"],
};

/**
 * Prepares a resync of some kinds of records changed since a date (everything without one): both
 * ways. Xero's side is pulled again from that date (the cursors are set back), and our records
 * changed since then are queued to be sent again (customers; won deals for their invoices).
 * Returns the resources the caller must pull; the pull and push jobs then do the work.
 */
export async function prepareResync(db: Db, orgId: string, input: ResyncInput): Promise<{ resources: PullResource[]; queued: number; since: string | null; walkFrom: Record<string, string | null> }> {
  // Parsed here too, not only by the forms: a caller that skips the schema still cannot send year 0 to a query.
  const { since = null } = parseInput(resyncInput, input);
  const resources = [...new Set(input.sync_types.flatMap((t) => RESYNC_PULLS[t]))].filter((r) => (ALL_RESOURCES as readonly string[]).includes(r));
  let queued = 0;
  const walkFrom: Record<string, string | null> = {};
  await db.transaction(async (tx) => {
    for (const resource of resources) {
      await tx.insert(syncCursors).values({ orgId, resource }).onConflictDoNothing();
      // Only ever back: a cursor behind `since` (a connection paused for a week) still has that week to read.
      const [cursor] = await tx
        .update(syncCursors)
        .set({ lastUpdatedAt: since ? sql`case when ${syncCursors.lastUpdatedAt} is null then null else least(${syncCursors.lastUpdatedAt}, ${since.toISOString()}::timestamptz) end` : null })
        .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, resource)))
        .returning({ lastUpdatedAt: syncCursors.lastUpdatedAt });
      walkFrom[resource] = since ? (cursor.lastUpdatedAt?.toISOString() ?? null) : null;
    }
    if (input.sync_types.includes("contacts")) {
      const changed = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.orgId, orgId), since ? gte(customers.updatedAt, since) : undefined));
      for (let i = 0; i < changed.length; i += 1000) await enqueueSyncMany(tx, orgId, "customer", changed.slice(i, i + 1000).map((c) => c.id), "upsert", null, "manual");
      queued += changed.length;
    }
    if (input.sync_types.includes("invoices")) {
      const settings = await getInvoiceSettings(tx, orgId);
      const triggerStages = (await listStages(tx, orgId)).filter((s) => isInvoiceTrigger(settings, s)).map((s) => s.id);
      if (triggerStages.length) {
        const changed = await tx
          .select({ id: deals.id })
          .from(deals)
          .where(and(eq(deals.orgId, orgId), inArray(deals.stageId, triggerStages), since ? gte(deals.updatedAt, since) : undefined));
        for (let i = 0; i < changed.length; i += 1000) await enqueueSyncMany(tx, orgId, "deal", changed.slice(i, i + 1000).map((d) => d.id), "upsert", null, "manual");
        queued += changed.length;
      }
    }
  });
  // `since` is what was asked; each list's walk starts at the earlier of it and its cursor (so it never skips what the list had still to read).
  return { resources, queued, since: since?.toISOString() ?? null, walkFrom };
}
