"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { MERGE_FIELDS, mergeCustomers, mergeInput } from "@/lib/crm/merge-customers";
import { closeMergedDuplicateReviews } from "@/lib/sync/review/hold-duplicates";
import { orgAction } from "@/lib/tenancy/org-action";
import { requestPush } from "@/inngest/sync-events";

/** The merge screen posts ids[] plus one radio per field (pick.<field> = customer id). */
const mergeForm = z
  .object({ survivorId: z.uuid("Choose the customer that stays."), ids: z.union([z.uuid(), z.array(z.uuid())]) })
  .loose()
  .transform((v) => ({
    survivorId: v.survivorId,
    mergedIds: ([] as string[]).concat(v.ids).filter((id) => id !== v.survivorId),
    pick: Object.fromEntries(MERGE_FIELDS.map((f) => [f, (v as Record<string, unknown>)[`pick.${f}`]]).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")),
  }))
  .pipe(mergeInput);

export const mergeCustomersAction = orgAction({ schema: mergeForm }, async (db, ctx, input) => {
  const survivor = await mergeCustomers(db, actorFromContext(ctx), input);
  // A Sync -> Review question "merge them or do they differ?" is answered by this merge.
  await closeMergedDuplicateReviews(db, ctx.org.id);
  await requestPush(ctx.org.id);
  revalidatePath(`/o/${ctx.org.slug}/customers`, "layout");
  redirect(`/o/${ctx.org.slug}/customers/${survivor.id}`);
});
