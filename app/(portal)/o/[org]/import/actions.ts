"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { RUN_CSV_IMPORT_EVENT } from "@/inngest/functions/crm/run-csv-import";
import { sendEvent } from "@/inngest/send-event";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { queueImport, saveMapping } from "@/lib/crm/import/import-jobs";
import { orgAction } from "@/lib/tenancy/org-action";

export const saveMappingAction = orgAction({ schema: z.object({ id: z.uuid() }).loose() }, async (db, ctx, input) => {
  const mapping = Object.fromEntries(
    Object.entries(input)
      .filter(([k, v]) => k.startsWith("map.") && typeof v === "string")
      .map(([k, v]) => [k.slice(4), v as string]),
  );
  await saveMapping(db, actorFromContext(ctx, "import"), input.id, mapping);
  redirect(`/o/${ctx.org.slug}/import/${input.id}?retry=1`);
});

export const startImportAction = orgAction(
  { schema: z.object({ id: z.uuid(), mode: z.enum(["all_or_nothing", "valid_only"], { error: "Choose how to import: all or nothing, or only the valid rows." }) }) },
  async (db, ctx, { id, mode }) => {
    await queueImport(db, actorFromContext(ctx, "import"), id, mode);
    await sendEvent({ name: RUN_CSV_IMPORT_EVENT, data: { jobId: id, orgId: ctx.org.id } });
    redirect(`/o/${ctx.org.slug}/import/${id}`);
  },
);
