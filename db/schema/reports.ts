import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { deals, subscriptions } from "./crm";
import { organizations } from "./tenancy";

/**
 * A revenue-leakage row someone looked at and decided is fine (a free pilot, a deal billed some
 * other way): it leaves the list and the totals. Kept with who decided, when and why, so the
 * decision can be read back; one per deal and kind, so a new kind of problem on the deal shows again.
 */
export const leakageDismissals = pgTable(
  "leakage_dismissals",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    reason: text("reason").notNull(),
    dismissedBy: uuid("dismissed_by").references(() => users.id, { onDelete: "set null" }),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dealId, t.kind] }), index("leakage_dismissals_deal_idx").on(t.dealId)],
);

/**
 * A subscription's billing period with no invoice, dismissed from the leakage list (with a reason):
 * keyed by the subscription and the period's first day.
 */
export const subscriptionPeriodDismissals = pgTable(
  "subscription_period_dismissals",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    period: date("period", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    dismissedBy: uuid("dismissed_by").references(() => users.id, { onDelete: "set null" }),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.subscriptionId, t.period] })],
);

/**
 * The last answer of one of Xero's own reports for an organisation (pulled daily and on demand),
 * kept as the few exact figures the portal reads from it (BalanceSheet: `accountsReceivable`;
 * ProfitAndLoss: `totalIncome`, `netProfit`; BankSummary: `cashReceived`, `cashSpent`, `closingBalance`;
 * the last two with the `from` and `to` of their period).
 * One row per report: a newer pull replaces it; `reportDate` is the day the report is as at.
 */
export const xeroReportSnapshots = pgTable(
  "xero_report_snapshots",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    report: text("report").$type<"BalanceSheet" | "ProfitAndLoss" | "BankSummary">().notNull(),
    xeroTenantId: text("xero_tenant_id").notNull(),
    reportDate: date("report_date").notNull(),
    figures: jsonb("figures").$type<Record<string, string>>().notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.report] })],
);

/**
 * Running totals per Xero contact that the reports group by contact (lifetime value, the forecast's
 * lateness), kept by triggers on xero_invoices and xero_payments (migration 0029) so a report reads
 * one row per contact instead of every document. Rows are deltas: a change of documents appends the
 * difference it made, never updates a row (no lock, so concurrent mirrors cannot deadlock or lose
 * one another's change), and a contact's figures are the sum of its rows; compaction
 * (lib/reports/contact-totals.ts) folds them back into one row per contact.
 * - paid: counted payments (ACCRECPAYMENT, AUTHORISED) in the base currency, each rounded to the cent;
 * - paidLateDays / paidLateInvoices: over PAID sales invoices with a due date and a fully-paid date,
 *   the sum of (fully paid on - due date) and their count;
 * - firstLiveDate: a candidate for the contact's first live sales invoice's date: the minimum over the
 *   contact's rows is exact unless a row has recheckFirst, set when a live invoice left the contact,
 *   stopped being live, moved to a later date or was deleted; then it is read from the invoices.
 * A payment with no contact yet is kept under the contact id "(no contact)" (Xero ids are uuids; an invoice's missing contact is "").
 */
export const reportContactTotals = pgTable(
  "report_contact_totals",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    xeroContactId: text("xero_contact_id").notNull(),
    paid: numeric("paid", { precision: 18, scale: 2 }).notNull().default("0"),
    paidLateDays: bigint("paid_late_days", { mode: "number" }).notNull().default(0),
    paidLateInvoices: integer("paid_late_invoices").notNull().default(0),
    firstLiveDate: date("first_live_date", { mode: "string" }),
    recheckFirst: boolean("recheck_first").notNull().default(false),
  },
  (t) => [index("report_contact_totals_contact_idx").on(t.orgId, t.xeroContactId)],
);

/**
 * Running totals per calendar day that the revenue report sums by month, kept by triggers on
 * xero_invoices, xero_credit_notes and xero_payments (migration 0032) as appended deltas, folded
 * like report_contact_totals: `invoiced` (live sales invoices' Total), `credited` (live credit notes'
 * Total) and `collected` (counted payments' Amount), each document in the base currency at its own
 * rate, rounded to the cent, by the document's own date.
 */
export const reportDayTotals = pgTable(
  "report_day_totals",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    invoiced: numeric("invoiced", { precision: 18, scale: 2 }).notNull().default("0"),
    credited: numeric("credited", { precision: 18, scale: 2 }).notNull().default("0"),
    collected: numeric("collected", { precision: 18, scale: 2 }).notNull().default("0"),
  },
  (t) => [index("report_day_totals_day_idx").on(t.orgId, t.day)],
);
