import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./tenancy";

export const syncEntity = pgEnum("sync_entity", ["customer", "product", "deal", "subscription", "payment"]);
export const syncDirection = pgEnum("sync_direction", ["push", "pull"]);
export const syncOperation = pgEnum("sync_operation", ["upsert", "archive"]);
export const syncItemStatus = pgEnum("sync_item_status", ["pending", "in_flight", "synced", "failed", "skipped"]);

/**
 * The outbox (design.md): every change that must reach Xero writes a row here in the same
 * transaction as the change, so nothing made before or during an outage is lost. One pending row
 * per record: a second change before the sync ran folds into it instead of queueing twice.
 */
export const syncItems = pgTable(
  "sync_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    entityType: syncEntity("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    direction: syncDirection("direction").notNull().default("push"),
    operation: syncOperation("operation").notNull(),
    status: syncItemStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastErrorCode: text("last_error_code"),
    lastErrorMessage: text("last_error_message"),
    xeroId: text("xero_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sync_items_one_pending_idx")
      .on(t.orgId, t.entityType, t.entityId, t.direction)
      .where(sql`${t.status} = 'pending'`),
    index("sync_items_due_idx").on(t.orgId, t.status, t.nextAttemptAt),
  ],
);

export type SyncItem = typeof syncItems.$inferSelect;
export type SyncEntity = (typeof syncEntity.enumValues)[number];
