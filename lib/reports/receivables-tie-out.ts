import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroCashCredits, xeroCreditNotes, xeroInvoices } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import type { XeroCallPurpose } from "@/lib/xero/rate-limiter";
import { ageingReport } from "./ageing-report";
import { inBase, isLiveInvoice, moneySum, subtractDecimals, sumDecimals } from "./money-rules";
import { isFresh, reportSnapshots, saveReportSnapshot } from "./xero-report-snapshots";
import { reportFigure, UnreadableXeroReportError, type ReportRowLike } from "./xero-report-rows";
import type { ReportScope } from "./report-scope";

/** The Accounts Receivable balance of a Balance Sheet answer (first column: the asked date); null without that row. */
export const accountsReceivableOf = (rows: ReportRowLike[]) => reportFigure(rows, "Accounts Receivable");

/**
 * Pulls Xero's Balance Sheet as at `date` and keeps its Accounts Receivable figure (one row per
 * organisation, replaced by each pull), written only if the books that answered are still the
 * connected ones. A person's pull (`manual`) within a minute of the last one answers from it.
 */
export async function pullBalanceSheet(db: Db, orgId: string, date: string, purpose: XeroCallPurpose = "sync", now = new Date()) {
  if (purpose === "manual") {
    const [last] = await reportSnapshots(db, orgId, ["BalanceSheet"]);
    if (last && last.reportDate === date && isFresh(last, now)) return last;
  }
  const answer = await callXero(db, orgId, { method: "GET", path: "/Reports/BalanceSheet", purpose }, (xero, tenantId) => xero.accountingApi.getReportBalanceSheet(tenantId, date));
  const report = answer.body.reports?.[0];
  const accountsReceivable = accountsReceivableOf((report?.rows ?? []) as ReportRowLike[]);
  if (accountsReceivable === null) throw new UnreadableXeroReportError("Xero's Balance Sheet has no Accounts Receivable row: check that the receivables account exists in Xero's chart of accounts.");
  return saveReportSnapshot(db, orgId, answer.xeroTenantId, "BalanceSheet", date, { accountsReceivable }, now);
}

export interface ReceivablesTieOut {
  currency: string;
  /** Our receivables: the ageing report's total. */
  receivables: string;
  /** Accounts Receivable on Xero's Balance Sheet as at `reportDate`. */
  xeroReceivables: string;
  reportDate: string;
  fetchedAt: Date;
  /** receivables - xeroReceivables. */
  difference: string;
  /** What the difference is made of, as far as the mirror knows it. */
  explained: { reason: string; amount: string }[];
  /** The rest: changes in Xero not synced yet, or documents the mirror does not hold. */
  unexplained: string;
}

/**
 * Our receivables beside Xero's own Accounts Receivable balance. Xero nets unallocated credit
 * (credit notes, overpayments and prepayments not yet allocated) against receivables and counts
 * only invoices dated by the report's date; our figure is every open invoice. Those parts are
 * computed from the mirror and shown; what is left is unexplained and said so. Null before the
 * first pull of the Balance Sheet, or when it was pulled from other books than today's.
 */
export async function receivablesTieOut(db: Db, scope: ReportScope, xeroTenantId: string | null, receivables?: string): Promise<ReceivablesTieOut | null> {
  const [snapshot] = await reportSnapshots(db, scope.orgId, ["BalanceSheet"]);
  if (!snapshot || snapshot.xeroTenantId !== xeroTenantId) return null;
  const asAt = snapshot.reportDate;
  // A page that already has the ageing passes its total (every open invoice, whatever the asOf).
  const [ours, { rows }] = await Promise.all([
    receivables ?? ageingReport(db, scope, {}).then((a) => a.total),
    db.execute<{ credit_notes: string; cash_credits: string; later_invoices: string }>(sql`
      select
        (select ${moneySum(inBase(xeroCreditNotes.remainingCredit, xeroCreditNotes.currencyRate))} from ${xeroCreditNotes}
          where ${xeroCreditNotes.orgId} = ${scope.orgId} and ${xeroCreditNotes.status} = 'AUTHORISED' and ${xeroCreditNotes.date} <= ${asAt}::date) as credit_notes,
        (select ${moneySum(inBase(xeroCashCredits.remainingCredit, xeroCashCredits.currencyRate))} from ${xeroCashCredits}
          where ${xeroCashCredits.orgId} = ${scope.orgId} and ${xeroCashCredits.status} = 'AUTHORISED' and ${xeroCashCredits.date} <= ${asAt}::date) as cash_credits,
        (select ${moneySum(inBase(xeroInvoices.amountDue, xeroInvoices.currencyRate))} from ${xeroInvoices}
          where ${xeroInvoices.orgId} = ${scope.orgId} and ${isLiveInvoice(xeroInvoices.type, xeroInvoices.status)} and ${xeroInvoices.amountDue} > 0 and ${xeroInvoices.date} > ${asAt}::date) as later_invoices`),
  ]);
  const parts = rows[0];
  const xeroReceivables = snapshot.figures.accountsReceivable;
  const difference = subtractDecimals(ours, xeroReceivables);
  const explained = [
    { reason: "Credit notes not yet allocated to an invoice (Xero nets them against receivables)", amount: parts.credit_notes },
    { reason: "Overpayments and prepayments not yet allocated", amount: parts.cash_credits },
    { reason: `Open invoices dated after ${asAt} (not on that day's Balance Sheet)`, amount: parts.later_invoices },
  ].filter((p) => p.amount !== "0.00");
  return {
    currency: scope.currency,
    receivables: ours,
    xeroReceivables,
    reportDate: asAt,
    fetchedAt: snapshot.fetchedAt,
    difference,
    explained,
    unexplained: subtractDecimals(difference, sumDecimals(explained.map((p) => p.amount))),
  };
}
