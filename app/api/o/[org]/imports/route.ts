import { actorFromContext } from "@/lib/crm/crm-actor";
import { uploadImport } from "@/lib/crm/import/upload-import";
import { orgRoute } from "@/lib/tenancy/org-route";

/** A CSV upload (multipart `type` + `file`, up to 10 MB): the import is created and waits for its column mapping. */
export const POST = orgRoute({}, async ({ db, ctx, request }) => {
  const job = await uploadImport(db, actorFromContext(ctx, "import"), request);
  return Response.json({ id: job.id, url: `/o/${ctx.org.slug}/import/${job.id}` }, { status: 201 });
});
