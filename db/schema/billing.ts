import { boolean, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { deals, pipelineStages } from "./crm";
import { organizations } from "./tenancy";

export const invoiceDraftStatus = pgEnum("invoice_draft_status", ["DRAFT", "AUTHORISED"]);
export const quoteDraftStatus = pgEnum("quote_draft_status", ["DRAFT", "SENT"]);

/** A tax rule: customers in this country (and region, when given) get this Xero tax type. */
export interface TaxRule {
  country: string;
  region: string | null;
  taxType: string;
}

/**
 * How won deals become Xero invoices (Settings -> Invoicing). One row per organisation; absent means
 * the defaults: invoice on win, at the Won stage, as DRAFT, not sent.
 */
export const invoiceSettings = pgTable("invoice_settings", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  invoiceOnWin: boolean("invoice_on_win").notNull().default(true),
  /** null: the pipeline's Won stage(s). */
  triggerStageId: uuid("trigger_stage_id").references(() => pipelineStages.id, { onDelete: "set null" }),
  status: invoiceDraftStatus("status").notNull().default("DRAFT"),
  sendToCustomer: boolean("send_to_customer").notNull().default(false),
  /** Payment reminders (each null or false: off): N days before the due date, on it, every N days overdue. */
  reminderDaysBefore: integer("reminder_days_before"),
  reminderOnDueDate: boolean("reminder_on_due_date").notNull().default(false),
  reminderEveryDaysOverdue: integer("reminder_every_days_overdue"),
  /** Approved invoices go to the customer by our email, with our tracked link (Viewed), instead of Xero's. */
  sendByLedgerbridge: boolean("send_by_ledgerbridge").notNull().default(false),
  /** For lines whose product has no sales account of its own. */
  defaultSalesAccountCode: text("default_sales_account_code"),
  /** For customers no tax rule matches. */
  defaultTaxType: text("default_tax_type"),
  taxRules: jsonb("tax_rules").$type<TaxRule[]>().notNull().default([]),
  /** null: the organisation's default payment terms. */
  paymentTermDays: integer("payment_term_days"),
  /** What "Create quote" makes: a draft, or a quote marked sent (the default). */
  quoteStatus: quoteDraftStatus("quote_status").notNull().default("SENT"),
  /** The Xero BANK account (by code) a payment recorded in the portal goes into when none is chosen. */
  defaultBankAccountCode: text("default_bank_account_code"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type InvoiceSettings = typeof invoiceSettings.$inferSelect;

/**
 * A payment finance recorded in the portal (or the tenant API) on a Xero invoice: kept here with its
 * outbox row (entity "payment") in one transaction, so a payment whose answer was lost is looked up
 * in Xero by the marker in its Reference before it is sent again, never recorded twice.
 */
export const portalPayments = pgTable(
  "portal_payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    xeroInvoiceId: text("xero_invoice_id").notNull(),
    /** In the invoice's currency, 2 dp. */
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    paidOn: date("paid_on", { mode: "string" }).notNull(),
    bankAccountCode: text("bank_account_code").notNull(),
    /** What finance typed; the marker is added when it is sent. */
    reference: text("reference"),
    /** Set once Xero took it. */
    xeroPaymentId: text("xero_payment_id"),
    /** The tenant API's Idempotency-Key (or the portal form's own): a repeated request answers this payment, never a second one. */
    requestKey: text("request_key"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portal_payments_invoice_idx").on(t.orgId, t.xeroInvoiceId), uniqueIndex("portal_payments_request_key_idx").on(t.orgId, t.requestKey)],
);
export type PortalPayment = typeof portalPayments.$inferSelect;

/** A Xero quote line as Xero keeps it: what the invoice of an accepted quote is made of, exactly. */
export interface QuoteLine {
  description?: string;
  quantity?: number;
  unitAmount?: number;
  discountRate?: number;
  itemCode?: string;
  accountCode?: string;
  taxType?: string;
  lineAmount?: number;
}

/**
 * A deal's quote in Xero ("Create quote"): asked for here and sent through the outbox (entity
 * "quote"), then kept as Xero has it by the quotes pull (Xero sends no quote webhooks). Accepted,
 * it wins its deal and its lines become the invoice's.
 */
export const quotes = pgTable(
  "quotes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id"),
    /** DRAFT or SENT: what was asked for, until Xero has it. */
    requestedStatus: quoteDraftStatus("requested_status").notNull(),
    xeroQuoteId: text("xero_quote_id"),
    number: text("number"),
    /** Xero's: DRAFT, SENT, DECLINED, ACCEPTED, INVOICED, DELETED; PENDING until Xero has it, REFUSED when it never will, SWITCHED when the organisation moved to other books. */
    status: text("status").notNull().default("PENDING"),
    currency: text("currency").notNull(),
    subTotal: numeric("sub_total", { precision: 14, scale: 2 }),
    total: numeric("total", { precision: 14, scale: 2 }),
    lineAmountTypes: text("line_amount_types"),
    lines: jsonb("lines").$type<QuoteLine[]>(),
    /** The quote's own date in Xero (Xero wants it back on every update). */
    quoteDate: date("quote_date", { mode: "string" }),
    expiryDate: date("expiry_date", { mode: "string" }),
    /** When we first saw it ACCEPTED (its deal was won then). */
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    xeroUpdatedAt: timestamp("xero_updated_at", { withTimezone: true, precision: 3 }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("quotes_deal_idx").on(t.orgId, t.dealId), uniqueIndex("quotes_xero_idx").on(t.orgId, t.xeroQuoteId)],
);
export type Quote = typeof quotes.$inferSelect;

/**
 * Our tracked link to one invoice (`/i/<token>`): emailed to the customer, it redirects to Xero's
 * online invoice. Only the token's hash is kept; the first open is the invoice's Viewed.
 */
export const invoiceLinks = pgTable(
  "invoice_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    xeroInvoiceId: text("xero_invoice_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** Set once the email carrying it went out: a retried send finds it and sends nothing twice. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    emailedTo: text("emailed_to"),
    firstViewedAt: timestamp("first_viewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invoice_links_token_idx").on(t.tokenHash), index("invoice_links_invoice_idx").on(t.orgId, t.xeroInvoiceId)],
);

/**
 * A payment reminder sent (or being sent) for one invoice: keyed by the invoice and the reminder
 * (`before`, `due`, `overdue:14`), so a rerun of the job, or two at once, sends each one once.
 */
export const invoiceReminders = pgTable(
  "invoice_reminders",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    xeroInvoiceId: text("xero_invoice_id").notNull(),
    reminder: text("reminder").notNull(),
    sentTo: text("sent_to").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroInvoiceId, t.reminder] })],
);
