"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/api/api-keys";
import { flag } from "@/lib/crm/field-schemas";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { saveMarketingSpend } from "@/lib/crm/marketing-spend";
import { addStage, deleteStage, updateStage } from "@/lib/crm/pipeline-stages";
import { marketingSpendInput } from "@/lib/crm/schemas";
import { orgAction } from "@/lib/tenancy/org-action";

const apiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after what will use it, e.g. HubSpot sync.").max(80, "At most 80 characters."),
  scope: z.enum(["read", "write"], { error: "Pick read or write." }),
  canSeeAmounts: flag.optional(),
});

export const createApiKeyAction = orgAction({ permission: "org:manage", schema: apiKeySchema }, async (db, ctx, input) => {
  const { key } = await createApiKey(db, { orgId: ctx.org.id, name: input.name, scope: input.scope, canSeeAmounts: input.canSeeAmounts ?? false, createdBy: ctx.user.id });
  revalidatePath(`/o/${ctx.org.slug}/settings/api-keys`);
  return { ok: true, message: "Key created. Copy it now: it is not shown again.", data: { key } };
});

export const revokeApiKeyAction = orgAction({ permission: "org:manage", schema: z.object({ id: z.uuid() }) }, async (db, ctx, { id }) => {
  await revokeApiKey(db, ctx.org.id, id);
  revalidatePath(`/o/${ctx.org.slug}/settings/api-keys`);
  return { ok: true, message: "Key revoked. Requests with it now get 401." };
});

const stageSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Name the stage.").max(40, "At most 40 characters."),
  probability: z.coerce.number({ error: "Win probability must be a number." }).int("Use a whole percentage.").min(0, "At least 0%.").max(100, "At most 100%."),
});

export const saveStageAction = orgAction({ permission: "org:manage", schema: stageSchema }, async (db, ctx, { id, ...input }) => {
  if (id) await updateStage(db, ctx.org.id, id, input);
  else await addStage(db, ctx.org.id, input);
  revalidatePath(`/o/${ctx.org.slug}`, "layout");
  return { ok: true, message: id ? "Stage saved." : "Stage added." };
});

export const deleteStageAction = orgAction({ permission: "org:manage", schema: z.object({ id: z.uuid() }) }, async (db, ctx, { id }) => {
  await deleteStage(db, ctx.org.id, id);
  revalidatePath(`/o/${ctx.org.slug}`, "layout");
  return { ok: true, message: "Stage deleted." };
});

export const saveMarketingSpendAction = orgAction({ schema: marketingSpendInput }, async (db, ctx, input) => {
  await saveMarketingSpend(db, actorFromContext(ctx), input);
  revalidatePath(`/o/${ctx.org.slug}/settings/marketing-spend`);
  return { ok: true, message: `Saved ${input.leadSource} for ${input.month}.` };
});
