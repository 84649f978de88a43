import { getDb } from "@/db";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { AppError } from "@/lib/errors";
import { getConnection } from "@/lib/xero/connection-store";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { REPORTS, runReport, type ReportName } from "./report-registry";
import { reportFreshness, reportScope } from "./report-scope";

type ReportOf<N extends ReportName> = Awaited<ReturnType<(typeof REPORTS)[N]["run"]>>;

/**
 * What a report page needs, for a member the page itself checked with requireOrg (a layout's check
 * does not run on a client-side navigation): whether they may see amounts (allowed: false: not),
 * the report for the URL's range (a bad range shows its message and the default range instead),
 * how fresh the books are, and whether Xero is connected at all.
 */
export async function loadReportPage<N extends ReportName>(ctx: OrgContext, name: N, searchParams: Record<string, string | string[] | undefined>) {
  const db = getDb();
  if (!ctx.canSeeAmounts) return { ctx, allowed: false as const };
  const scope = await reportScope(db, actorFromContext(ctx));
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) if (typeof value === "string") params.set(key, value);
  let rangeError: string | null = null;
  let result;
  try {
    result = await runReport(db, scope, name, params);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "validation") throw error;
    rangeError = `${error.fields.map((f) => f.message).join(" ")} Showing the default range.`;
    result = await runReport(db, scope, name, new URLSearchParams());
  }
  const [freshness, connection] = await Promise.all([reportFreshness(db, ctx.org.id), getConnection(db, ctx.org.id)]);
  return { ctx, allowed: true as const, scope, report: result.report as ReportOf<N>, rangeError, params: Object.fromEntries(params), freshness, connected: connection?.status === "connected", tenantName: connection?.xeroTenantName ?? null, xeroTenantId: connection?.xeroTenantId ?? null };
}
