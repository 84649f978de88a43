import { date, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
