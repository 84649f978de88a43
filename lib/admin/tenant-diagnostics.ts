import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCursors, syncJobRequests, syncLog, type Organization } from "@/db/schema";
import { CAUSE_LABELS, type SyncCause } from "@/lib/sync/causes";
import { walkIsLive } from "@/lib/sync/pull/pull-resources";
import { querySyncErrors, type ErrorLogRow } from "@/lib/sync/status/error-log";

/**
 * The troubleshooting guide's resolution for each cause it names, in its words (seeds/001), for the
 * admin who must tell the customer what to do; each record also carries our fix for that record.
 */
export const GUIDE_FIXES: Partial<Record<SyncCause, string>> = {
  duplicate_contact: "Duplicate contact detection blocked the creation: check for an existing contact with the same name or email in Xero, then link the two in Sync -> Review (or rename one) and retry.",
  required_fields_missing: "Required fields missing (email, name): verify the contact's data is complete in the CRM, then retry.",
  contact_limit_reached: "The Xero contact limit is reached: the customer archives unused contacts in Xero or upgrades the Xero plan, then retry.",
  invalid_account_code: "Invalid account code: verify the chart of accounts mapping (Settings -> Invoicing, or the product's sales account), then retry.",
  tax_rate_mismatch: "Tax rate configuration mismatch: check the tax rates mapped in Settings -> Invoicing match the organisation's tax rates in Xero, then retry.",
  currency_not_enabled: "Currency not supported: confirm the currency is enabled in the Xero organisation (Settings -> Currencies), or change the deal's currency, then retry.",
  bank_account_not_mapped: "Bank account not mapped: verify the bank account mapping in the integration settings (Settings -> Invoicing: a default BANK account), then retry.",
  transaction_reconciled: "Transaction already reconciled: check whether the transaction was manually reconciled in Xero; it cannot be changed from here until it is unreconciled there.",
  amount_mismatch: "Amount mismatch: compare the amounts between the two systems (a payment or credit note may already be in Xero), correct the record, then retry.",
  needs_reauth: "OAuth token expired or revoked: check the token expiry, then send the customer the re-authorisation link.",
  rate_limited: "Xero's rate limit: nothing to fix, the sync waits and retries by itself.",
  xero_unavailable: "Xero was unavailable: check Xero's status page; the sync retries by itself.",
};

export interface CauseGroup {
  cause: string;
  label: string;
  guideFix: string | null;
  count: number;
  records: ErrorLogRow[];
}

/** Failed records grouped by cause, most first, each group with the guide's fix and each record with its own. */
export async function failedRecordsByCause(db: Db, org: Pick<Organization, "id" | "slug">): Promise<CauseGroup[]> {
  const { rows, causes } = await querySyncErrors(db, org, { limit: 500 });
  return causes
    .sort((a, b) => b.count - a.count)
    .map((c) => ({ cause: c.cause, label: CAUSE_LABELS[c.cause as SyncCause] ?? c.label, guideFix: GUIDE_FIXES[c.cause as SyncCause] ?? null, count: c.count, records: rows.filter((r) => r.cause === c.cause) }));
}

/** The sync's timeline for the admin page: the runs (pulls, pushes) as requested and run, each list's cursor, and the newest movements. */
export async function syncTimeline(db: Db, orgId: string, limit = 50) {
  const [jobs, cursors, log] = await Promise.all([
    db.select().from(syncJobRequests).where(eq(syncJobRequests.orgId, orgId)),
    db.select().from(syncCursors).where(eq(syncCursors.orgId, orgId)),
    db.select().from(syncLog).where(eq(syncLog.orgId, orgId)).orderBy(desc(syncLog.at)).limit(limit),
  ]);
  return {
    jobs: jobs.sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0)),
    cursors: cursors.map((c) => ({ resource: c.resource, lastPullAt: c.lastPullAt, lastUpdatedAt: c.lastUpdatedAt, running: walkIsLive(c.runningSince), done: c.progressDone, total: c.progressTotal, lastError: c.lastError })).sort((a, b) => a.resource.localeCompare(b.resource)),
    log,
  };
}
