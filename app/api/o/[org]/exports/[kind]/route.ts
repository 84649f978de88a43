import { exportCsv } from "@/lib/crm/export-csv";
import { orgRoute } from "@/lib/tenancy/org-route";

export const GET = orgRoute({}, async ({ db, ctx, params: { kind } }) => {
  const csv = await exportCsv(db, ctx.org.id, kind, ctx.canSeeAmounts);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${ctx.org.slug}-${kind}.csv"` } });
});
