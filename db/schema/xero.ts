import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./tenancy";

export const xeroConnectionStatus = pgEnum("xero_connection_status", ["connected", "needs_reauth", "disconnected"]);

/**
 * One Xero organisation connected to one of ours. Tokens are stored only encrypted (AES-256-GCM,
 * with the id of the key that sealed them, so keys can rotate); nothing here is a secret in clear.
 */
export const xeroConnections = pgTable(
  "xero_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    xeroTenantId: text("xero_tenant_id").notNull(),
    xeroTenantName: text("xero_tenant_name").notNull(),
    /** Xero's id for the connection (DELETE /connections/{id} disconnects it). */
    xeroConnectionId: text("xero_connection_id"),
    status: xeroConnectionStatus("status").notNull().default("connected"),
    statusReason: text("status_reason"),
    /** A deliberate disconnect is not a problem to flag on every page; a broken connection is. */
    disconnectedByUser: boolean("disconnected_by_user").notNull().default(false),
    accessTokenCipher: text("access_token_cipher"),
    refreshTokenCipher: text("refresh_token_cipher"),
    tokenKeyId: text("token_key_id"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    /** When the refresh token in store was issued: Xero kills one unused for 60 days. */
    refreshTokenIssuedAt: timestamp("refresh_token_issued_at", { withTimezone: true }),
    grantedScopes: text("granted_scopes").array().notNull().default(sql`'{}'::text[]`),
    authEventId: text("auth_event_id"),
    /**
     * The Xero user whose consent holds the tokens (the token's xero_userid). Revoking a refresh token
     * ends every connection that user made for the app, so Disconnect revokes only when no other
     * organisation of ours still holds a live connection from the same user.
     */
    xeroUserId: text("xero_user_id"),
    /** The last "Test connection": when it started, and its answer (null while it runs), reused for a minute. */
    lastTestAt: timestamp("last_test_at", { withTimezone: true }),
    lastTestOk: boolean("last_test_ok"),
    lastTestMessage: text("last_test_message"),
    connectedBy: uuid("connected_by").references(() => users.id, { onDelete: "set null" }),
    connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
    lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("xero_connections_org_idx").on(t.orgId),
    index("xero_connections_tenant_idx").on(t.xeroTenantId),
    // One live organisation of ours per Xero organisation: two would mix their books, share one
    // rate limit, and each could cut the other off (security review M3). Only a connected one holds
    // it: one waiting for re-authorisation may never come back (its Xero side removed the app), and
    // must not lock the real owner out; re-authorising after someone else connected is refused.
    uniqueIndex("xero_connections_active_tenant_idx")
      .on(t.xeroTenantId)
      .where(sql`${t.status} = 'connected'`),
    index("xero_connections_user_idx").on(t.xeroUserId),
  ],
);

/** An OAuth round trip in progress: state and PKCE verifier, bound to the user and organisation. */
export const xeroAuthRequests = pgTable(
  "xero_auth_requests",
  {
    state: text("state").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeVerifierCipher: text("code_verifier_cipher").notNull(),
    tokenKeyId: text("token_key_id").notNull(),
    /** Set after the callback when the consent covered several organisations: the user picks one. */
    pendingTokenCipher: text("pending_token_cipher"),
    pendingTenants: text("pending_tenants"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("xero_auth_requests_expires_idx").on(t.expiresAt)],
);

/** Every Xero call, counted per organisation and UTC day: calls are the cost (rate limit, per-GB pricing). */
export const xeroCallStats = pgTable(
  "xero_call_stats",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    calls: integer("calls").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    rateLimited: integer("rate_limited").notNull().default(0),
    bytesReceived: bigint("bytes_received", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day] })],
);

/** The request log the admin pages read: no tokens, no bodies. */
export const xeroRequestLog = pgTable(
  "xero_request_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status").notNull(),
    durationMs: integer("duration_ms").notNull(),
    bytes: integer("bytes").notNull().default(0),
    correlationId: text("correlation_id"),
    /** Why a call got no answer or an error (timeout, network, rate_limited, ...): status 0 alone cannot tell a timeout from a reset. */
    errorCode: text("error_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // By time alone too: the Xero health panel reads the last minutes of every tenant at once.
  (t) => [index("xero_request_log_org_created_idx").on(t.orgId, t.createdAt), index("xero_request_log_created_idx").on(t.createdAt)],
);

export type XeroConnection = typeof xeroConnections.$inferSelect;

/**
 * Xero's per-organisation limits, counted in Postgres so they hold across processes and instances:
 * fixed minute and day windows (as Xero's are), a pause set by a 429's Retry-After or by Xero's
 * X-*-Remaining headers, and in-flight leases that expire if a worker dies mid-call.
 */
export const xeroRateLimits = pgTable("xero_rate_limits", {
  xeroTenantId: text("xero_tenant_id").primaryKey(),
  minuteWindow: bigint("minute_window", { mode: "number" }).notNull().default(0),
  minuteCount: integer("minute_count").notNull().default(0),
  dayWindow: integer("day_window").notNull().default(0),
  dayCount: integer("day_count").notNull().default(0),
  /** Of dayCount, the calls people made by hand (Test connection): they have their own share, so they never starve the sync. */
  manualDayCount: integer("manual_day_count").notNull().default(0),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  blockedReason: text("blocked_reason"),
});

export const xeroInFlight = pgTable(
  "xero_in_flight",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    xeroTenantId: text("xero_tenant_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("xero_in_flight_tenant_idx").on(t.xeroTenantId)],
);
