import { boolean, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { pipelineStages } from "./crm";
import { organizations } from "./tenancy";

export const invoiceDraftStatus = pgEnum("invoice_draft_status", ["DRAFT", "AUTHORISED"]);

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
  /** For lines whose product has no sales account of its own. */
  defaultSalesAccountCode: text("default_sales_account_code"),
  /** For customers no tax rule matches. */
  defaultTaxType: text("default_tax_type"),
  taxRules: jsonb("tax_rules").$type<TaxRule[]>().notNull().default([]),
  /** null: the organisation's default payment terms. */
  paymentTermDays: integer("payment_term_days"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type InvoiceSettings = typeof invoiceSettings.$inferSelect;
