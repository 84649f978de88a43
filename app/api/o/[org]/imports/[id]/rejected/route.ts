import { z } from "zod";
import { notFound } from "@/lib/errors";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { getImportJob, rejectedRowsCsv } from "@/lib/crm/import/import-jobs";
import { orgRoute } from "@/lib/tenancy/org-route";

/** The rows an import held back, as the user's own CSV plus a column saying what to fix. */
export const GET = orgRoute({}, async ({ db, ctx, params: { id } }) => {
  if (!z.uuid().safeParse(id).success) throw notFound("That import");
  const job = await getImportJob(db, actorFromContext(ctx, "import"), id);
  const name = job.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_");
  return new Response(rejectedRowsCsv(job, ctx.canSeeAmounts), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}-rejected.csv"` } });
});
