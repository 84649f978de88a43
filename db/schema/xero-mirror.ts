import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { customers, deals, products, subscriptions } from "./crm";
import { organizations } from "./tenancy";

/**
 * Xero's records as the sync last saw them, per organisation, with the fields the portal and the
 * reports read (design.md: invoice dates, status, currency and rate, totals, amounts due, paid and
 * credited, the contact and the deal; payments with date, amount, rate, invoice and account), each
 * linked to our customer, deal or product where there is one. Xero is the truth for these rows:
 * only the sync writes them.
 */
const orgRef = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
const xeroUpdatedAt = () => timestamp("xero_updated_at", { withTimezone: true, precision: 3 }).notNull();

/** The contact fields both sides edit, as they were at the last sync: the base of the per-field merge. */
export interface SyncedContactValues {
  name: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  taxNumber: string | null;
  paymentTermDays: number | null;
  currency: string | null;
}

/** A contact as the mirror holds it: the shared fields, plus Xero's postal address, which the CRM has no field for. */
export type MirroredContactValues = SyncedContactValues & { postal?: Pick<SyncedContactValues, "addressLine1" | "addressLine2" | "city" | "region" | "postalCode" | "country"> | null };

export const xeroContacts = pgTable(
  "xero_contacts",
  {
    orgId: orgRef(),
    xeroContactId: text("xero_contact_id").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    contactNumber: text("contact_number"),
    status: text("status").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    isCustomer: boolean("is_customer").notNull().default(false),
    isSupplier: boolean("is_supplier").notNull().default(false),
    /** The mapped fields as Xero has them now. */
    values: jsonb("values").$type<MirroredContactValues>().notNull(),
    /** The mapped fields at the last sync in either direction; null until the contact is linked. */
    syncedValues: jsonb("synced_values").$type<SyncedContactValues>(),
    xeroUpdatedAt: xeroUpdatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.xeroContactId] }),
    index("xero_contacts_customer_idx").on(t.orgId, t.customerId),
    index("xero_contacts_email_idx").on(t.orgId, sql`lower(${t.email})`),
    index("xero_contacts_number_idx").on(t.orgId, t.contactNumber),
  ],
);

export const xeroInvoices = pgTable(
  "xero_invoices",
  {
    /** Our id for the mirrored invoice (the tenant API's `id`); Xero's is xeroInvoiceId. */
    id: uuid("id").notNull().defaultRandom().unique(),
    orgId: orgRef(),
    xeroInvoiceId: text("xero_invoice_id").notNull(),
    type: text("type").notNull(),
    number: text("number"),
    reference: text("reference"),
    xeroContactId: text("xero_contact_id").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
    repeatingInvoiceId: text("repeating_invoice_id"),
    /** The subscription whose repeating invoice generated it, kept once linked (a resumed subscription gets a new repeating invoice). */
    subscriptionId: uuid("subscription_id").references(() => subscriptions.id, { onDelete: "set null" }),
    status: text("status").notNull(),
    sentToContact: boolean("sent_to_contact").notNull().default(false),
    /** When we first saw it sent to the customer (Xero's email or ours), and first opened by our tracked link. */
    sentAt: timestamp("sent_at", { withTimezone: true }),
    viewedAt: timestamp("viewed_at", { withTimezone: true }),
    lineAmountTypes: text("line_amount_types").notNull(),
    currency: text("currency").notNull(),
    /** Units of this currency per unit of the base currency, as Xero keeps it (base = amount / rate). */
    currencyRate: numeric("currency_rate", { precision: 18, scale: 10 }).notNull().default("1"),
    subTotal: money("sub_total").notNull(),
    totalTax: money("total_tax").notNull(),
    total: money("total").notNull(),
    amountDue: money("amount_due").notNull(),
    amountPaid: money("amount_paid").notNull(),
    amountCredited: money("amount_credited").notNull(),
    date: date("date").notNull(),
    dueDate: date("due_date"),
    fullyPaidOn: date("fully_paid_on"),
    xeroUpdatedAt: xeroUpdatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.xeroInvoiceId] }),
    index("xero_invoices_customer_idx").on(t.orgId, t.customerId),
    index("xero_invoices_deal_idx").on(t.orgId, t.dealId),
    index("xero_invoices_subscription_idx").on(t.orgId, t.subscriptionId),
    index("xero_invoices_contact_idx").on(t.orgId, t.xeroContactId),
    index("xero_invoices_status_due_idx").on(t.orgId, t.status, t.dueDate),
    index("xero_invoices_updated_idx").on(t.orgId, t.xeroUpdatedAt),
    index("xero_invoices_api_idx").on(t.orgId, t.xeroUpdatedAt, t.id),
    // Reports group and filter by the invoice date (revenue per month, ageing, forecast).
    index("xero_invoices_date_idx").on(t.orgId, t.date),
    // Open sales invoices only (receivables, ageing, the forecast, overdue alerts): a quarter of a
    // typical organisation's invoices, so these reads skip the paid ones instead of filtering them out.
    index("xero_invoices_open_idx")
      .on(t.orgId, t.dueDate)
      .where(sql`${t.type} = 'ACCREC' and ${t.status} in ('AUTHORISED', 'PAID') and ${t.amountDue} > 0`),
  ],
);

export const xeroInvoiceLines = pgTable(
  "xero_invoice_lines",
  {
    orgId: orgRef(),
    xeroInvoiceId: text("xero_invoice_id").notNull(),
    lineItemId: text("line_item_id").notNull(),
    position: integer("position").notNull(),
    description: text("description"),
    quantity: numeric("quantity", { precision: 14, scale: 4 }).notNull(),
    unitAmount: numeric("unit_amount", { precision: 14, scale: 4 }).notNull(),
    itemCode: text("item_code"),
    accountCode: text("account_code"),
    taxType: text("tax_type"),
    taxAmount: money("tax_amount").notNull(),
    lineAmount: money("line_amount").notNull(),
    discountRate: numeric("discount_rate", { precision: 5, scale: 2 }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroInvoiceId, t.lineItemId] })],
);

export const xeroPayments = pgTable(
  "xero_payments",
  {
    id: uuid("id").notNull().defaultRandom().unique(),
    orgId: orgRef(),
    xeroPaymentId: text("xero_payment_id").notNull(),
    /** The invoice paid (ACCRECPAYMENT); null for a refund of a credit note (ARCREDITPAYMENT). */
    xeroInvoiceId: text("xero_invoice_id"),
    /** The credit note refunded (ARCREDITPAYMENT). */
    xeroCreditNoteId: text("xero_credit_note_id"),
    /**
     * The paid invoice's contact, as the mirrored invoice has it (null while the mirror does not hold
     * the invoice, and for refunds): kept equal to it by the invoice and payment mirrors, so reports
     * group payments by contact without joining each to its invoice on text ids.
     */
    xeroContactId: text("xero_contact_id"),
    /** The document's currency: the payment's amount is in it (null: mirrored before it was kept). */
    currency: text("currency"),
    xeroAccountId: text("xero_account_id"),
    paymentType: text("payment_type").notNull(),
    status: text("status").notNull(),
    date: date("date").notNull(),
    amount: money("amount").notNull(),
    currencyRate: numeric("currency_rate", { precision: 18, scale: 10 }).notNull().default("1"),
    reference: text("reference"),
    isReconciled: boolean("is_reconciled").notNull().default(false),
    xeroUpdatedAt: xeroUpdatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroPaymentId] }), index("xero_payments_invoice_idx").on(t.orgId, t.xeroInvoiceId), index("xero_payments_date_idx").on(t.orgId, t.date), index("xero_payments_contact_idx").on(t.orgId, t.xeroContactId)],
);

/** Sales credit notes, with where their credit went (the invoices it was allocated to). */
export const xeroCreditNotes = pgTable(
  "xero_credit_notes",
  {
    id: uuid("id").notNull().defaultRandom().unique(),
    orgId: orgRef(),
    xeroCreditNoteId: text("xero_credit_note_id").notNull(),
    number: text("number"),
    reference: text("reference"),
    xeroContactId: text("xero_contact_id").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    status: text("status").notNull(),
    date: date("date").notNull(),
    currency: text("currency").notNull(),
    currencyRate: numeric("currency_rate", { precision: 18, scale: 10 }).notNull().default("1"),
    subTotal: money("sub_total").notNull(),
    totalTax: money("total_tax").notNull(),
    total: money("total").notNull(),
    remainingCredit: money("remaining_credit").notNull(),
    allocations: jsonb("allocations").$type<{ xeroInvoiceId: string; amount: string; date: string | null }[]>().notNull().default([]),
    xeroUpdatedAt: xeroUpdatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroCreditNoteId] }), index("xero_credit_notes_customer_idx").on(t.orgId, t.customerId)],
);

/**
 * Where each credit note's credit went, one row per allocation: "credited per month" and an
 * invoice's credits are indexed queries, not walks of a JSON list. Replaced whole with each newer
 * copy of the credit note, so an allocation removed in Xero goes here too.
 */
export const xeroCreditAllocations = pgTable(
  "xero_credit_allocations",
  {
    orgId: orgRef(),
    xeroCreditNoteId: text("xero_credit_note_id").notNull(),
    /** Xero's AllocationID, or the position when Xero sent none. */
    allocationKey: text("allocation_key").notNull(),
    xeroInvoiceId: text("xero_invoice_id").notNull(),
    amount: money("amount").notNull(),
    date: date("date"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroCreditNoteId, t.allocationKey] }), index("xero_credit_allocations_invoice_idx").on(t.orgId, t.xeroInvoiceId), index("xero_credit_allocations_date_idx").on(t.orgId, t.date)],
);

/**
 * Sales overpayments and prepayments: cash a customer paid beyond or ahead of its invoices. Xero
 * keeps it as a credit that reaches invoices as AmountCredited, not AmountPaid, so cash-in reports
 * need it from here.
 */
export const xeroCashCredits = pgTable(
  "xero_cash_credits",
  {
    id: uuid("id").notNull().defaultRandom().unique(),
    orgId: orgRef(),
    xeroCashCreditId: text("xero_cash_credit_id").notNull(),
    kind: text("kind").$type<"overpayment" | "prepayment">().notNull(),
    reference: text("reference"),
    xeroContactId: text("xero_contact_id").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    status: text("status").notNull(),
    date: date("date").notNull(),
    currency: text("currency").notNull(),
    currencyRate: numeric("currency_rate", { precision: 18, scale: 10 }).notNull().default("1"),
    subTotal: money("sub_total").notNull(),
    totalTax: money("total_tax").notNull(),
    total: money("total").notNull(),
    remainingCredit: money("remaining_credit").notNull(),
    xeroUpdatedAt: xeroUpdatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroCashCreditId] }), index("xero_cash_credits_customer_idx").on(t.orgId, t.customerId), index("xero_cash_credits_date_idx").on(t.orgId, t.date)],
);

/** Where each overpayment's or prepayment's credit went, one row per allocation, replaced with each newer copy. */
export const xeroCashCreditAllocations = pgTable(
  "xero_cash_credit_allocations",
  {
    orgId: orgRef(),
    xeroCashCreditId: text("xero_cash_credit_id").notNull(),
    /** Xero's AllocationID, or the position when Xero sent none. */
    allocationKey: text("allocation_key").notNull(),
    xeroInvoiceId: text("xero_invoice_id").notNull(),
    amount: money("amount").notNull(),
    date: date("date"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroCashCreditId, t.allocationKey] }), index("xero_cash_credit_allocations_invoice_idx").on(t.orgId, t.xeroInvoiceId), index("xero_cash_credit_allocations_date_idx").on(t.orgId, t.date)],
);

export const xeroItems = pgTable(
  "xero_items",
  {
    orgId: orgRef(),
    xeroItemId: text("xero_item_id").notNull(),
    code: text("code").notNull(),
    name: text("name"),
    productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
    isSold: boolean("is_sold").notNull().default(true),
    isTrackedAsInventory: boolean("is_tracked_as_inventory").notNull().default(false),
    quantityOnHand: numeric("quantity_on_hand", { precision: 14, scale: 4 }),
    salesUnitPrice: numeric("sales_unit_price", { precision: 14, scale: 4 }),
    salesAccountCode: text("sales_account_code"),
    salesTaxType: text("sales_tax_type"),
    xeroUpdatedAt: xeroUpdatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroItemId] }), index("xero_items_code_idx").on(t.orgId, sql`lower(${t.code})`)],
);

export const xeroTaxRates = pgTable(
  "xero_tax_rates",
  {
    orgId: orgRef(),
    taxType: text("tax_type").notNull(),
    name: text("name").notNull(),
    status: text("status").notNull(),
    effectiveRate: numeric("effective_rate", { precision: 9, scale: 4 }).notNull(),
    canApplyToRevenue: boolean("can_apply_to_revenue").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.taxType] })],
);

export const xeroAccounts = pgTable(
  "xero_accounts",
  {
    orgId: orgRef(),
    xeroAccountId: text("xero_account_id").notNull(),
    code: text("code"),
    name: text("name").notNull(),
    type: text("type").notNull(),
    class: text("class"),
    status: text("status").notNull(),
    taxType: text("tax_type"),
    enablePayments: boolean("enable_payments").notNull().default(false),
    currency: text("currency"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.xeroAccountId] }), index("xero_accounts_code_idx").on(t.orgId, t.code)],
);

export const xeroCurrencies = pgTable(
  "xero_currencies",
  {
    orgId: orgRef(),
    code: text("code").notNull(),
    description: text("description"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.code] })],
);

/** The connected Xero organisation's own profile (base currency, country) as the sync last read it. */
export const xeroOrganisationProfiles = pgTable("xero_organisation_profiles", {
  orgId: orgRef().primaryKey(),
  name: text("name").notNull(),
  baseCurrency: text("base_currency").notNull(),
  countryCode: text("country_code"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type XeroContact = typeof xeroContacts.$inferSelect;
export type XeroInvoice = typeof xeroInvoices.$inferSelect;
export type XeroPayment = typeof xeroPayments.$inferSelect;
export type XeroItem = typeof xeroItems.$inferSelect;
