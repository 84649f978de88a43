import { z } from "zod";
import { notFound } from "@/lib/errors";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { getImportJob, isStalled } from "@/lib/crm/import/import-jobs";
import { orgRoute } from "@/lib/tenancy/org-route";

/** Progress of an import, polled by the progress bar. */
export const GET = orgRoute({}, async ({ db, ctx, params: { id } }) => {
  if (!z.uuid().safeParse(id).success) throw notFound("That import");
  const job = await getImportJob(db, actorFromContext(ctx, "import"), id);
  return Response.json({ status: job.status, totalRows: job.totalRows, processedRows: job.processedRows, createdCount: job.createdCount, updatedCount: job.updatedCount, rejected: job.rejectedRows.length, error: job.error, stalled: isStalled(job) });
});
