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
 * for tomorrow, their invoice may be on its way. Totals per currency, never summed across them.
 */
export async function raiseLeakageDigest(db: Db, orgId: string, now = new Date()): Promise<{ rows: number }> {
  const scope = await reportScope(db, { orgId, canSeeAmounts: true }, now);
  const report = await leakageReport(db, scope);
  const settled = report.rows.filter((r) => !r.wonAt || new Date(r.wonAt).getTime() <= now.getTime() - LEAKAGE_GRACE_MS);
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
  const lines = [...raised.slice(0, ALERT_LIST_LIMIT).map((r) => `"${r.dealTitle}": ${KIND_LABEL[r.kind] ?? r.kind}, ${formatMoney(r.amount, r.currency)}`), ...(raised.length > ALERT_LIST_LIMIT ? [`and ${raised.length - ALERT_LIST_LIMIT} more`] : [])];
  await raiseAlert(db, {
    orgId,
    kind: "leakage.digest",
    message: {
      title: `Revenue leakage: ${raised.length} new won deal${raised.length === 1 ? "" : "s"} not billed as won (${totals.join(" + ")} at risk)`,
      body: lines.join("\n"),
      link: `/o/${org.slug}/reports/leakage`,
    },
  });
  return { rows: raised.length };
}
