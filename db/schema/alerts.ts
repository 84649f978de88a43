import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./tenancy";

const orgRef = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/**
 * A member's choice for one kind of alert: in the notification centre, by email, both or neither.
 * No row means the kind's defaults (lib/alerts/alert-kinds.ts).
 */
export const alertPreferences = pgTable(
  "alert_preferences",
  {
    orgId: orgRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    inApp: boolean("in_app").notNull(),
    email: boolean("email").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId, t.kind] })],
);

/**
 * What each alert has already been raised for (an invoice in an ageing stage, a deal's leakage
 * kind, a payment): the primary key makes "once" hold when two jobs run at once or a job reruns.
 */
export const alertsRaised = pgTable(
  "alerts_raised",
  {
    orgId: orgRef(),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.subject] })],
);

/**
 * An organisation's Slack-compatible incoming webhook. The URL is a secret (whoever has it can post
 * to the channel): sealed at rest, shown back only as its host and last characters.
 */
export const alertWebhooks = pgTable("alert_webhooks", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  urlSealed: text("url_sealed").notNull(),
  urlHint: text("url_hint").notNull(),
  /** The alert kinds posted to it. */
  kinds: text("kinds").array().notNull(),
  /** A channel is read by more people than the portal's visibility rules know: amounts only when asked for. */
  includeAmounts: boolean("include_amounts").notNull().default(false),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One alert message to send outside the portal (an email to a member, a post to the organisation's
 * webhook), written in the same transaction as the alert and sent after it commits by the delivery
 * job: kept until it is delivered or has failed its last attempt, with the reason on the row; retried
 * a bounded number of times, never forever.
 */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    /** email | webhook */
    channel: text("channel").notNull(),
    kind: text("kind").notNull(),
    /** The member's address (email); null for the webhook, whose URL is read when sending. */
    recipient: text("recipient"),
    subject: text("subject"),
    text: text("text").notNull(),
    /** pending | delivered | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** While an attempt is in flight: the claim's own token, so only its holder records the outcome. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("alert_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("alert_deliveries_org_idx").on(t.orgId, t.channel, t.createdAt)],
);

export type AlertDelivery = typeof alertDeliveries.$inferSelect;
