import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./tenancy";

/**
 * Platform-admin API tokens. Only a hash is kept: the token is shown once. A token acts as its
 * user, so a user who stops being a platform admin makes every token of theirs refused (403).
 */
export const adminTokens = pgTable(
  "admin_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the token, to tell tokens apart in the list. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("admin_tokens_hash_idx").on(t.tokenHash), index("admin_tokens_user_idx").on(t.userId)],
);

/** Requests per admin token (or session user) per minute, in Postgres so the limit holds across instances. */
export const adminRequestCounts = pgTable(
  "admin_request_counts",
  {
    /** `token:<id>` or `user:<id>`. */
    bucket: text("bucket").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.minute] })],
);

/**
 * Every admin API call and admin page action: who, what, on which tenant, when, and the answer.
 * Kept when the user or the organisation goes (the audit outlives them): names are copied.
 */
export const adminAudit = pgTable(
  "admin_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The email of the admin at the time, or "(unknown token)" for a refused call. */
    actor: text("actor").notNull(),
    /** token, session */
    via: text("via").notNull(),
    tokenId: uuid("token_id").references(() => adminTokens.id, { onDelete: "set null" }),
    /** The tenant acted on or read, when there is one (no foreign key: the audit outlives the tenant). */
    orgId: uuid("org_id"),
    /** e.g. `GET status`, `POST retry`, `token.create` */
    action: text("action").notNull(),
    status: integer("status").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("admin_audit_at_idx").on(t.at), index("admin_audit_org_at_idx").on(t.orgId, t.at)],
);

/**
 * A resync an admin asked for, one row per sync type: what it re-reads and from when. Its progress
 * is the pull cursors' (running, records done, finished after it was asked), so nothing is copied.
 */
export const adminResyncRuns = pgTable(
  "admin_resync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    syncType: text("sync_type").notNull(),
    since: timestamp("since", { withTimezone: true }),
    resources: text("resources").array().notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    /** Records queued to be sent again (our side of the resync). */
    queued: integer("queued").notNull().default(0),
  },
  (t) => [index("admin_resync_runs_org_idx").on(t.orgId, t.requestedAt)],
);

export type AdminToken = typeof adminTokens.$inferSelect;
export type AdminResyncRun = typeof adminResyncRuns.$inferSelect;
export type AdminAuditRow = typeof adminAudit.$inferSelect;
