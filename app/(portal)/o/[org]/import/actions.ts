"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { RUN_CSV_IMPORT_EVENT } from "@/inngest/functions/crm/run-csv-import";
import { sendEvent } from "@/inngest/send-event";
import { AppError } from "@/lib/errors";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createImportJob, queueImport, saveMapping } from "@/lib/crm/import/import-jobs";
import { MAX_IMPORT_BYTES } from "@/lib/crm/import/parse-csv";
import { orgAction } from "@/lib/tenancy/org-action";

const importType = z.enum(["customers", "deals", "products"], { error: "Choose what the file holds: customers, deals or products." });

export const uploadImportAction = orgAction({ schema: z.object({ type: importType }) }, async (db, ctx, { type }, form) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", "file: choose a CSV file.", [{ field: "file", message: "Choose a CSV file." }]);
  if (file.size > MAX_IMPORT_BYTES) throw new AppError("validation", "file: larger than 10 MB.", [{ field: "file", message: "At most 10 MB; split the file." }]);
  if (ctx.role === "sales" && type === "products") throw new AppError("forbidden", "Only owners, admins and finance import products.");
  const job = await createImportJob(db, actorFromContext(ctx, "import"), { type, fileName: file.name, text: await file.text() });
  redirect(`/o/${ctx.org.slug}/import/${job.id}`);
});

export const saveMappingAction = orgAction({ schema: z.object({ id: z.uuid() }).loose() }, async (db, ctx, input) => {
  const mapping = Object.fromEntries(
    Object.entries(input)
      .filter(([k, v]) => k.startsWith("map.") && typeof v === "string")
      .map(([k, v]) => [k.slice(4), v as string]),
  );
  await saveMapping(db, ctx.org.id, input.id, mapping);
  redirect(`/o/${ctx.org.slug}/import/${input.id}?retry=1`);
});

export const startImportAction = orgAction(
  { schema: z.object({ id: z.uuid(), mode: z.enum(["all_or_nothing", "valid_only"], { error: "Choose how to import: all or nothing, or only the valid rows." }) }) },
  async (db, ctx, { id, mode }) => {
    await queueImport(db, ctx.org.id, id, mode);
    await sendEvent({ name: RUN_CSV_IMPORT_EVENT, data: { jobId: id, orgId: ctx.org.id } });
    redirect(`/o/${ctx.org.slug}/import/${id}`);
  },
);
