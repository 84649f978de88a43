import { sql } from "drizzle-orm";
import { boolean, date, index, integer, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./tenancy";

const orgRef = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
// Millisecond precision: JavaScript dates carry milliseconds, and the API's paging cursor is a
// created_at read back into JavaScript; microseconds would make "after the cursor" include the row itself.
const createdAt = () => timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
// Money is numeric with 2 decimals, as Xero rounds it; quantities keep 4 like Xero's line items.
const money = (name: string) => numeric(name, { precision: 14, scale: 2 });

export const customerKind = pgEnum("customer_kind", ["company", "person"]);

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    kind: customerKind("kind").notNull().default("company"),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    city: text("city"),
    region: text("region"),
    postalCode: text("postal_code"),
    /** ISO 3166-1 alpha-2: tax by customer location reads it. */
    country: text("country"),
    leadSource: text("lead_source"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** null: the organisation's default payment terms. */
    paymentTermDays: integer("payment_term_days"),
    /** null: the organisation's base currency. */
    currency: text("currency"),
    taxNumber: text("tax_number"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    notes: text("notes"),
    /** "No reminders": payment reminders never go to this customer. */
    noReminders: boolean("no_reminders").notNull().default(false),
    /** The id in the CRM this came from (CSV or API): re-imports update instead of duplicating. */
    externalId: text("external_id"),
    xeroContactId: text("xero_contact_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("customers_org_name_idx").on(t.orgId, sql`lower(${t.name})`),
    index("customers_org_email_idx").on(t.orgId, sql`lower(${t.email})`),
    index("customers_org_created_idx").on(t.orgId, t.createdAt, t.id),
    uniqueIndex("customers_org_external_idx").on(t.orgId, t.externalId),
    // One customer per Xero contact: a link is never made twice.
    uniqueIndex("customers_org_xero_contact_idx")
      .on(t.orgId, t.xeroContactId)
      .where(sql`${t.xeroContactId} is not null`),
  ],
);

export const stageKind = pgEnum("stage_kind", ["open", "won", "lost"]);

export const pipelineStages = pgTable(
  "pipeline_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    /** Win probability in percent, for the weighted pipeline. */
    probability: integer("probability").notNull(),
    kind: stageKind("kind").notNull().default("open"),
  },
  (t) => [uniqueIndex("pipeline_stages_org_name_idx").on(t.orgId, t.name)],
);

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    unitPrice: money("unit_price").notNull(),
    currency: text("currency").notNull(),
    tracksInventory: boolean("tracks_inventory").notNull().default(false),
    lowStockThreshold: integer("low_stock_threshold"),
    /** The Xero mapping the sync uses: item code, sales account, tax type. */
    xeroItemCode: text("xero_item_code"),
    salesAccountCode: text("sales_account_code"),
    taxType: text("tax_type"),
    xeroItemId: text("xero_item_id"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("products_org_code_idx").on(t.orgId, sql`lower(${t.code})`), index("products_org_created_idx").on(t.orgId, t.createdAt, t.id)],
);

export const deals = pgTable(
  "deals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    title: text("title").notNull(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id, { onDelete: "restrict" }),
    /** Derived from the lines; stored so lists and reports need no join. */
    amount: money("amount").notNull().default("0"),
    currency: text("currency").notNull(),
    expectedCloseDate: date("expected_close_date"),
    wonAt: timestamp("won_at", { withTimezone: true }),
    lostAt: timestamp("lost_at", { withTimezone: true }),
    lostReason: text("lost_reason"),
    externalId: text("external_id"),
    xeroInvoiceId: text("xero_invoice_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("deals_org_stage_idx").on(t.orgId, t.stageId),
    index("deals_org_customer_idx").on(t.orgId, t.customerId),
    index("deals_org_created_idx").on(t.orgId, t.createdAt, t.id),
    uniqueIndex("deals_org_external_idx").on(t.orgId, t.externalId),
    uniqueIndex("deals_org_xero_invoice_idx")
      .on(t.orgId, t.xeroInvoiceId)
      .where(sql`${t.xeroInvoiceId} is not null`),
  ],
);

const lineColumns = () => ({
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: orgRef(),
  productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
  description: text("description").notNull(),
  quantity: numeric("quantity", { precision: 14, scale: 4 }).notNull(),
  unitPrice: money("unit_price").notNull(),
  discountPercent: numeric("discount_percent", { precision: 5, scale: 2 }).notNull().default("0"),
  lineAmount: money("line_amount").notNull(),
  position: integer("position").notNull(),
});

export const dealLines = pgTable(
  "deal_lines",
  {
    ...lineColumns(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
  },
  (t) => [index("deal_lines_deal_idx").on(t.dealId)],
);

export const subscriptionInterval = pgEnum("subscription_interval", ["weekly", "monthly", "quarterly", "yearly"]);
export const subscriptionStatus = pgEnum("subscription_status", ["active", "paused", "cancelled", "ended"]);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    interval: subscriptionInterval("interval").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    status: subscriptionStatus("status").notNull().default("active"),
    nextBillingDate: date("next_billing_date"),
    amount: money("amount").notNull().default("0"),
    currency: text("currency").notNull(),
    externalId: text("external_id"),
    xeroRepeatingInvoiceId: text("xero_repeating_invoice_id"),
    /** Xero's next run of the repeating invoice, as it last answered (beside the CRM's nextBillingDate). */
    xeroNextScheduledDate: date("xero_next_scheduled_date"),
    /** The first billing date its current repeating invoice covers: from it, a period with no invoice is leakage. */
    xeroBillingFrom: date("xero_billing_from"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("subscriptions_org_customer_idx").on(t.orgId, t.customerId),
    index("subscriptions_org_created_idx").on(t.orgId, t.createdAt, t.id),
    uniqueIndex("subscriptions_org_external_idx").on(t.orgId, t.externalId),
  ],
);

export const subscriptionLines = pgTable(
  "subscription_lines",
  {
    ...lineColumns(),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
  },
  (t) => [index("subscription_lines_subscription_idx").on(t.subscriptionId)],
);

/** What was spent on each lead source each month: the acquisition cost in the LTV report. */
export const marketingSpend = pgTable(
  "marketing_spend",
  {
    orgId: orgRef(),
    leadSource: text("lead_source").notNull(),
    /** The first day of the month. */
    month: date("month").notNull(),
    amount: money("amount").notNull(),
    currency: text("currency").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.leadSource, t.month] })],
);

/** What happened to a customer, newest first on the customer page. */
export const crmActivities = pgTable(
  "crm_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** "api" or "import" when no signed-in user made the change. */
    via: text("via").notNull().default("portal"),
    summary: text("summary").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("crm_activities_customer_idx").on(t.orgId, t.customerId, t.createdAt)],
);

export const apiKeyScope = pgEnum("api_key_scope", ["read", "write"]);

/** Organisation API keys for the tenant API. Only a hash is kept: the key is shown once. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgRef(),
    name: text("name").notNull(),
    /** The first characters of the key, to tell keys apart in the list. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scope: apiKeyScope("scope").notNull(),
    /** Whether answers carry money amounts: a key can be as blind to amounts as a sales member. */
    canSeeAmounts: boolean("can_see_amounts").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.keyHash), index("api_keys_org_idx").on(t.orgId)],
);

/**
 * Idempotency-Key replays for the tenant API: a client that retries a POST after a timeout gets the
 * first answer again instead of a second record. Kept 24 hours.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Set in the same transaction as the claim; never seen empty by another request. */
    status: integer("status"),
    responseBody: text("response_body"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);

/** Requests per API key per minute, counted in Postgres so the limit holds across instances. */
export const apiRequestCounts = pgTable(
  "api_request_counts",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.minute] })],
);

export type Customer = typeof customers.$inferSelect;
export type PipelineStage = typeof pipelineStages.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type DealLine = typeof dealLines.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type SubscriptionLine = typeof subscriptionLines.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
