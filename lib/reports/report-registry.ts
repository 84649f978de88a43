import { z } from "zod";
import type { Db } from "@/db";
import { toCsv } from "@/lib/crm/import/parse-csv";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ageingReport, asOfQuery } from "./ageing-report";
import { cashFlowReport } from "./cash-flow-report";
import { receivablesExchangeLines, type ExchangeRateLine } from "./exchange-rate-lines";
import { leakageReport } from "./leakage-report";
import { ltvQuery, ltvReport } from "./ltv-report";
import type { ReportScope } from "./report-scope";
import { revenueQuery, revenueReport } from "./revenue-report";
import { revenueSplit, revenueSplitQuery, SPLIT_LABELS } from "./revenue-split";

/**
 * Every report by its URL name, with its query and its CSV: the API, the portal's pages and the
 * exports all go through here, so a figure is the same number in all three.
 */
export const REPORTS = {
  revenue: {
    params: ["from", "to"] as readonly string[],
    title: "Revenue",
    query: revenueQuery,
    run: revenueReport,
    csv: (r: Awaited<ReturnType<typeof revenueReport>>) =>
      toCsv(
        ["Month", `Invoiced (${r.currency})`, `Credited (${r.currency})`, `Collected (${r.currency})`, `Goal (${r.currency})`],
        r.months.map((m) => ({ Month: m.month, [`Invoiced (${r.currency})`]: m.invoiced, [`Credited (${r.currency})`]: m.credited, [`Collected (${r.currency})`]: m.collected, [`Goal (${r.currency})`]: r.goal })),
      ),
  },
  "revenue-split": {
    params: ["from", "to", "split"] as readonly string[],
    title: "Revenue split",
    query: revenueSplitQuery,
    run: revenueSplit,
    csv: (r: Awaited<ReturnType<typeof revenueSplit>>) => {
      const [name, invoiced, credited, collected] = [SPLIT_LABELS[r.split].title, `Invoiced (${r.currency})`, `Credited (${r.currency})`, `Collected (${r.currency})`];
      return toCsv(
        [name, invoiced, credited, collected],
        [...r.rows.map((x) => ({ [name]: x.label, [invoiced]: x.invoiced, [credited]: x.credited, [collected]: x.collected })), { [name]: "Total", [invoiced]: r.totals.invoiced, [credited]: r.totals.credited, [collected]: r.totals.collected }],
      );
    },
  },
  ageing: {
    params: ["asOf"] as readonly string[],
    title: "Ageing",
    query: asOfQuery,
    // The ageing with its foreign-currency lines (the dashboard reads the ageing alone).
    run: async (db: Db, scope: ReportScope, q: z.infer<typeof asOfQuery>) => ({ ...(await ageingReport(db, scope, q)), foreignCurrencies: await receivablesExchangeLines(db, scope) }),
    csv: (r: Awaited<ReturnType<typeof ageingReport>> & { foreignCurrencies: ExchangeRateLine[] }) =>
      toCsv(
        ["As of", "Currency", "Current", "1-30 days", "31-60 days", "61-90 days", "Over 90 days", "Total", "DSO", "Open in currency", `At booked rates (${r.currency})`, "Latest rate", "Latest rate date", "Latest rate from", `At latest rate (${r.currency})`, `Exchange difference (${r.currency})`],
        [
          { "As of": r.asOf, Currency: r.currency, Current: r.current, "1-30 days": r.days1to30, "31-60 days": r.days31to60, "61-90 days": r.days61to90, "Over 90 days": r.over90, Total: r.total, DSO: r.dso },
          // Open receivables in other currencies (already inside the base figures above, at their booked rates).
          ...r.foreignCurrencies.map((f) => ({ "As of": r.asOf, Currency: f.currency, "Open in currency": f.amount, [`At booked rates (${r.currency})`]: f.atBookedRates, "Latest rate": f.latestRate, "Latest rate date": f.latestRateDate, "Latest rate from": f.latestRateSource, [`At latest rate (${r.currency})`]: f.atLatestRate, [`Exchange difference (${r.currency})`]: f.exchangeDifference })),
        ],
      ),
  },
  "cash-flow": {
    params: ["asOf"] as readonly string[],
    title: "Cash-flow forecast",
    query: asOfQuery,
    run: cashFlowReport,
    csv: (r: Awaited<ReturnType<typeof cashFlowReport>>) =>
      toCsv(
        ["Week starting", `From invoices (${r.currency})`, `From deals (${r.currency})`, `From subscriptions (${r.currency})`, `Expected (${r.currency})`],
        [
          ...r.weeks.map((w) => ({ "Week starting": w.weekStart, [`From invoices (${r.currency})`]: w.fromInvoices, [`From deals (${r.currency})`]: w.fromDeals, [`From subscriptions (${r.currency})`]: w.fromSubscriptions, [`Expected (${r.currency})`]: w.expected })),
          { "Week starting": "Later", [`Expected (${r.currency})`]: r.later },
          { "Week starting": "Already past due (in week 1)", [`Expected (${r.currency})`]: r.overdue },
          { "Week starting": "DSO (days)", [`Expected (${r.currency})`]: r.dso },
          // CRM amounts in other currencies, never summed into the base figures: in their own currency.
          ...r.otherCurrencies.map((o) => ({ "Week starting": `In ${o.currency}, not converted`, [`From deals (${r.currency})`]: o.fromDeals, [`From subscriptions (${r.currency})`]: o.fromSubscriptions })),
        ],
      ),
  },
  "ltv-by-source": {
    params: ["from", "to"] as readonly string[],
    title: "Lifetime value by lead source",
    query: ltvQuery,
    run: ltvReport,
    csv: (r: Awaited<ReturnType<typeof ltvReport>>) =>
      toCsv(
        ["Lead source", "Customers", "Paying customers", `Total paid (${r.currency})`, "Average LTV", "Median LTV", "Share", "Spend", "New customers", "CAC", "LTV:CAC", "Payback months"],
        [
          ...r.rows.map((x) => ({ "Lead source": x.leadSource, Customers: x.customers, "Paying customers": x.payingCustomers, [`Total paid (${r.currency})`]: x.totalPaid, "Average LTV": x.averageLtv, "Median LTV": x.medianLtv, Share: x.share, Spend: x.spend, "New customers": x.newCustomers, CAC: x.cac, "LTV:CAC": x.ltvToCac, "Payback months": x.paybackMonths })),
          { "Lead source": "Contacts linked to no customer", [`Total paid (${r.currency})`]: r.unlinkedPaid },
        ],
      ),
  },
  leakage: {
    params: [] as readonly string[],
    title: "Revenue leakage",
    query: z.object({}),
    run: (db: Db, scope: ReportScope) => leakageReport(db, scope),
    csv: (r: Awaited<ReturnType<typeof leakageReport>>) =>
      toCsv(
        ["Kind", "Deal", "Deal id", "Invoice", "Xero invoice id", "Currency", "Amount", "Won at"],
        r.rows.map((x) => ({ Kind: x.kind, Deal: x.dealTitle, "Deal id": x.dealId, Invoice: x.invoiceNumber, "Xero invoice id": x.xeroInvoiceId, Currency: x.currency, Amount: x.amount, "Won at": x.wonAt })),
      ),
  },
} as const;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

const isReportName = (name: string): name is ReportName => Object.hasOwn(REPORTS, name);

/** Only the query fields a report knows are read: the rest of a URL (a cache buster, format) is ignored. */
function queryOf(name: ReportName, params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of REPORTS[name].params) {
    const value = params.get(key);
    if (value !== null && value !== "") out[key] = value;
  }
  return out;
}

/** A report by name, with its query read from URL parameters and validated (400 naming the field). */
export async function runReport(db: Db, scope: ReportScope, name: string, params: URLSearchParams) {
  if (!isReportName(name)) throw notFound("That report");
  const report = REPORTS[name];
  const query = parseInput(report.query, queryOf(name, params));
  return { name, report: await (report.run as (db: Db, scope: ReportScope, q: unknown) => Promise<unknown>)(db, scope, query) };
}

/** The same figures as CSV. */
export async function reportCsv(db: Db, scope: ReportScope, name: string, params: URLSearchParams): Promise<string> {
  const { report } = await runReport(db, scope, name, params);
  return (REPORTS[name as ReportName].csv as (r: unknown) => string)(report);
}
