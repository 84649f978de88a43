import { actorFromContext } from "@/lib/crm/crm-actor";
import { reportCsv } from "@/lib/reports/report-registry";
import { reportScope } from "@/lib/reports/report-scope";
import { orgRoute } from "@/lib/tenancy/org-route";

/** A report's CSV: the same figures as its page and the API (one registry), only for members who see amounts. */
export const GET = orgRoute({}, async ({ db, ctx, params: { report }, request }) => {
  const scope = await reportScope(db, actorFromContext(ctx));
  const csv = await reportCsv(db, scope, report, new URL(request.url).searchParams);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${ctx.org.slug}-${report}-${scope.today}.csv"` } });
});
