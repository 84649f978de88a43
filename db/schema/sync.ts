import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./tenancy";

const orgRef = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/** `invoice_email`: "Send to customer" for a deal's new approved invoice, keyed by the deal (its current invoice is the one emailed). */
export const syncEntity = pgEnum("sync_entity", ["customer", "product", "deal", "subscription", "payment", "invoice_email", "quote"]);
export const syncDirection = pgEnum("sync_direction", ["push", "pull"]);
export const syncOperation = pgEnum("sync_operation", ["upsert", "archive"]);
export const syncItemStatus = pgEnum("sync_item_status", ["pending", "in_flight", "synced", "failed", "skipped"]);

/**
 * The outbox (design.md): every change that must reach Xero writes a row here in the same
 * transaction as the change, so nothing made before or during an outage is lost. One pending row
 * per record: a second change before the sync ran folds into it (and bumps `revision`) instead of
 * queueing twice.
 *
 * A worker claims rows in Postgres (FOR UPDATE SKIP LOCKED) and marks them in_flight with a lease
 * (`claimedUntil`); a worker that dies leaves the lease to lapse and the rows are claimed again,
 * flagged `uncertain` because the dead worker may have written them to Xero. `claimToken` names
 * the claim, so only its owner can settle the rows. At most one row per record is in flight.
 */
export const syncItems = pgTable(
  "sync_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    entityType: syncEntity("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    direction: syncDirection("direction").notNull().default("push"),
    operation: syncOperation("operation").notNull(),
    status: syncItemStatus("status").notNull().default("pending"),
    /** Bumped each time a new change folds into the pending row: part of the Idempotency-Key. */
    revision: integer("revision").notNull().default(0),
    /**
     * Bumped after Xero answered a write with a 5xx: Xero replays a key's answer, errors included, for
     * about 6 minutes, so the retry needs a key of its own (part of the Idempotency-Key).
     */
    keyGeneration: integer("key_generation").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimToken: uuid("claim_token"),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    /** A write was sent but its answer never came (timeout, dropped connection, dead worker): look before creating again. */
    uncertain: boolean("uncertain").notNull().default(false),
    /** "manual" when a person asked for it (Create invoice, Retry): the automation switches do not hold it back. */
    requestedBy: text("requested_by").notNull().default("auto"),
    lastErrorCode: text("last_error_code"),
    lastErrorMessage: text("last_error_message"),
    /** Xero's own words, kept beside our explanation for the error log. */
    lastXeroMessage: text("last_xero_message"),
    xeroId: text("xero_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sync_items_one_pending_idx")
      .on(t.orgId, t.entityType, t.entityId, t.direction)
      .where(sql`${t.status} = 'pending'`),
    // One claim per record (review S1): two rows of one record in flight would write it to Xero twice.
    uniqueIndex("sync_items_one_in_flight_idx")
      .on(t.orgId, t.entityType, t.entityId, t.direction)
      .where(sql`${t.status} = 'in_flight'`),
    index("sync_items_due_idx").on(t.orgId, t.status, t.nextAttemptAt),
    index("sync_items_entity_idx").on(t.orgId, t.entityType, t.entityId),
  ],
);

/** Where each pull left off, per organisation and Xero resource, and the progress of a running import. */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    orgId: orgRef(),
    /** contacts, invoices, payments, items, tax_rates, accounts, currencies */
    resource: text("resource").notNull(),
    /** The newest UpdatedDateUTC seen: the next pull asks If-Modified-Since this. */
    lastUpdatedAt: timestamp("last_updated_at", { withTimezone: true }),
    lastPullAt: timestamp("last_pull_at", { withTimezone: true }),
    lastFullPullAt: timestamp("last_full_pull_at", { withTimezone: true }),
    /** Set once the first full import finished: until then the contact push waits, so matching comes first. */
    initialDoneAt: timestamp("initial_done_at", { withTimezone: true }),
    /** A running import or resync: records done out of total, for the progress bar. */
    runningSince: timestamp("running_since", { withTimezone: true }),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total"),
    lastError: text("last_error"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.resource] })],
);

export const syncLogResult = pgEnum("sync_log_result", ["ok", "failed", "skipped", "conflict"]);

/**
 * Every movement of data, appended, never updated: organisation, record, direction, what was done,
 * the result, Xero's id and correlation id, what triggered it. The sync log page and the admin
 * pages read it.
 */
export const syncLog = pgTable(
  "sync_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** customer, deal, product, invoice, payment, contact, item, ... */
    recordType: text("record_type").notNull(),
    /** Our record's id when there is one. */
    recordId: uuid("record_id"),
    xeroId: text("xero_id"),
    direction: syncDirection("direction").notNull(),
    /** create, update, archive, link, import, skip, ... */
    operation: text("operation").notNull(),
    result: syncLogResult("result").notNull(),
    message: text("message"),
    correlationId: text("correlation_id"),
    /** push, webhook, schedule, initial, resync, retry, manual, reconcile */
    trigger: text("trigger").notNull(),
    /** E.g. the fields a conflict overwrote, before and after. */
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("sync_log_org_at_idx").on(t.orgId, t.at), index("sync_log_org_record_idx").on(t.orgId, t.recordId)],
);

export const reviewStatus = pgEnum("sync_review_status", ["open", "linked", "created", "skipped"]);

/**
 * Contacts the sync would not match on its own (several candidates, or a name Xero already has with
 * another email): a person links, creates or skips. Nothing is guessed silently.
 */
export const syncReviews = pgTable(
  "sync_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    xeroContactId: text("xero_contact_id"),
    customerId: uuid("customer_id"),
    /** What the candidates are: CRM customers (for a Xero contact) or Xero contacts (for a customer). */
    candidateKind: text("candidate_kind").notNull().default("contact"),
    /** The records on the other side that could be the same. */
    candidates: jsonb("candidates").$type<{ id: string; name: string; email: string | null }[]>().notNull().default([]),
    reason: text("reason").notNull(),
    status: reviewStatus("status").notNull().default("open"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sync_reviews_org_status_idx").on(t.orgId, t.status),
    uniqueIndex("sync_reviews_open_contact_idx")
      .on(t.orgId, t.xeroContactId)
      .where(sql`${t.status} = 'open' and ${t.xeroContactId} is not null`),
    uniqueIndex("sync_reviews_open_customer_idx")
      .on(t.orgId, t.customerId)
      .where(sql`${t.status} = 'open' and ${t.customerId} is not null and ${t.xeroContactId} is null`),
  ],
);

/** Webhook events received, kept to drop Xero's re-deliveries and to show what arrived. */
export const xeroWebhookEvents = pgTable(
  "xero_webhook_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The key Xero's event is unique by: tenant, category, resource, time. */
    eventKey: text("event_key").notNull(),
    xeroTenantId: text("xero_tenant_id").notNull(),
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    eventType: text("event_type").notNull(),
    resourceId: text("resource_id").notNull(),
    eventDate: timestamp("event_date", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex("xero_webhook_events_key_idx").on(t.eventKey), index("xero_webhook_events_pending_idx").on(t.orgId, t.processedAt)],
);

/**
 * The sync's jobs as requested, per organisation and job (`push`, or `pull:<mode>:<resources>`): a
 * request while one is queued and not yet started joins it instead of starting another (security
 * review M2: 20 presses of Sync now were 20 pulls). A run clears `queuedAt` when it starts, so a
 * request during a run queues exactly one more. In Postgres, as every instance must see the same.
 */
export const syncJobRequests = pgTable(
  "sync_job_requests",
  {
    orgId: orgRef(),
    job: text("job").notNull(),
    queuedAt: timestamp("queued_at", { withTimezone: true, precision: 3 }),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.job] })],
);

/** When a person last ran each manual sync action (Sync now, Resync, Resync everything, Retry): the cool-downs read it. */
export const syncCooldowns = pgTable(
  "sync_cooldowns",
  {
    orgId: orgRef(),
    action: text("action").notNull(),
    lastAt: timestamp("last_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.action] })],
);

/**
 * The UpdatedDateUTC Xero answered our own last write of a record with. Xero echoes every write as
 * one webhook event; that event is ours, and fetching the record again would only bring back what
 * the answer already gave us. One write is echoed once: `echoEventId` names the one event it
 * absorbed (own-writes.ts), so every other event for the record is a change and is fetched.
 */
export const xeroOwnWrites = pgTable(
  "xero_own_writes",
  {
    orgId: orgRef(),
    /** The webhook category: CONTACT or INVOICE. */
    category: text("category").notNull(),
    xeroId: text("xero_id").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
    /** The xero_webhook_events id taken for this write's echo; null until one is, and again after each new write. */
    echoEventId: text("echo_event_id"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.category, t.xeroId] })],
);

/**
 * A data health check of one organisation (monthly, and on demand): what stops or spoils its sync
 * and its books, and a field-by-field spot check of a few invoices against a fresh read from Xero.
 * Kept dated, so the portal shows the latest and the ones before.
 */
export const healthChecks = pgTable(
  "health_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    ranAt: timestamp("ran_at", { withTimezone: true }).notNull().defaultNow(),
    /** monthly, portal, api */
    trigger: text("trigger").notNull(),
    report: jsonb("report").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("health_checks_org_idx").on(t.orgId, t.ranAt)],
);

export type SyncItem = typeof syncItems.$inferSelect;
export type SyncEntity = (typeof syncEntity.enumValues)[number];
export type SyncCursor = typeof syncCursors.$inferSelect;
export type SyncLogEntry = typeof syncLog.$inferSelect;
export type SyncReview = typeof syncReviews.$inferSelect;
