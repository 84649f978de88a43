import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations } from "@/db/schema";
import { formatMoney } from "@/lib/crm/money";
import { leakageReport } from "@/lib/reports/leakage-report";
import { sumDecimals } from "@/lib/reports/money-rules";
import { reportScope } from "@/lib/reports/report-scope";
import { ALERT_LIST_LIMIT } from "./overdue-alerts";
import { claimAlertSubjects } from "./claim-alert-subjects";
import { raiseAlert } from "./raise-alert";

/** A deal won this recently is still being invoiced by the sync: not leakage yet. */
export const LEAKAGE_GRACE_MS = 60 * 60_000;
/** Deals won longer ago are history (the report lists them); the digest is about what is new. */
export const LEAKAGE_NEWS_DAYS = 30;

const KIND_LABEL: Record<string, string> = {
  no_invoice: "no invoice",
  not_approved: "invoice not approved",
  voided: "invoice voided",
  amount_mismatch: "amount differs",
  currency_mismatch: "currency differs",
};

/**
 * The daily digest of new revenue leakage: rows of the leakage report (dismissed ones are not in
 * it) that were never in a digest, each (deal, kind) once; deals won within the last hour are left
 * for tomorrow, their invoice may be on its way, and deals won more than LEAKAGE_NEWS_DAYS ago are
 * not news (the first digest after connecting Xero is not the whole history). The record and the
 * alert are one transaction. Totals per currency, never summed across them.
 */
export async function raiseLeakageDigest(db: Db, orgId: string, now = new Date()): Promise<{ rows: number }> {
  return db.transaction((tx) => raiseInTransaction(tx, orgId, now));
}

async function raiseInTransaction(db: Db, orgId: string, now: Date): Promise<{ rows: number }> {
  const scope = await reportScope(db, { orgId, canSeeAmounts: true }, now);
  const report = await leakageReport(db, scope);
  const settled = report.rows.filter((r) => r.wonAt && new Date(r.wonAt).getTime() <= now.getTime() - LEAKAGE_GRACE_MS && new Date(r.wonAt).getTime() > now.getTime() - LEAKAGE_NEWS_DAYS * 86_400_000);
  const fresh = await claimAlertSubjects(
    db,
    orgId,
    "leakage.digest",
    settled.map((r) => `${r.dealId}:${r.kind}`),
  );
  const raised = settled.filter((r) => fresh.has(`${r.dealId}:${r.kind}`));
  if (!raised.length) return { rows: 0 };
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  const currencies = [...new Set(raised.map((r) => r.currency))].sort();
  const totals = currencies.map((c) =>
    formatMoney(
      sumDecimals(raised.filter((r) => r.currency === c).map((r) => r.amount)),
      c,
    ),
  );
  const lines = (amounts: boolean) => [...raised.slice(0, ALERT_LIST_LIMIT).map((r) => `"${r.dealTitle}": ${KIND_LABEL[r.kind] ?? r.kind}${amounts ? `, ${formatMoney(r.amount, r.currency)}` : ""}`), ...(raised.length > ALERT_LIST_LIMIT ? [`and ${raised.length - ALERT_LIST_LIMIT} more`] : [])].join("\n");
  const deals = `${raised.length} new won deal${raised.length === 1 ? "" : "s"} not billed as won`;
  await raiseAlert(db, {
    orgId,
    kind: "leakage.digest",
    message: {
      title: `Revenue leakage: ${deals} (${totals.join(" + ")} at risk)`,
      titleWithoutAmounts: `Revenue leakage: ${deals}`,
      body: lines(true),
      bodyWithoutAmounts: lines(false),
      link: `/o/${org.slug}/reports/leakage`,
    },
  });
  return { rows: raised.length };
}
