"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { orgAction } from "@/lib/tenancy/org-action";
import { requestPush } from "@/inngest/sync-events";

export const saveCustomerAction = orgAction({ schema: customerInput.extend({ id: z.uuid().optional() }) }, async (db, ctx, { id, ...input }) => {
  const actor = actorFromContext(ctx);
  // The form always sends every field: an empty box clears it, and no tags means none.
  const saved = id ? await updateCustomer(db, actor, id, { ...input, tags: input.tags ?? [] }) : await createCustomer(db, actor, input);
  await requestPush(ctx.org.id);
  revalidatePath(`/o/${ctx.org.slug}/customers`);
  redirect(`/o/${ctx.org.slug}/customers/${saved.id}`);
});

export const deleteCustomerAction = orgAction({ schema: z.object({ id: z.uuid() }) }, async (db, ctx, { id }) => {
  await deleteCustomer(db, actorFromContext(ctx), id);
  await requestPush(ctx.org.id);
  revalidatePath(`/o/${ctx.org.slug}/customers`);
  redirect(`/o/${ctx.org.slug}/customers`);
});
