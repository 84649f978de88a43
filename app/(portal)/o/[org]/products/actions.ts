"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { archiveProduct, createProduct, updateProduct } from "@/lib/crm/products";
import { productInput } from "@/lib/crm/schemas";
import { orgAction } from "@/lib/tenancy/org-action";

export const saveProductAction = orgAction({ schema: productInput.extend({ id: z.uuid().optional() }) }, async (db, ctx, { id, ...input }) => {
  const actor = actorFromContext(ctx);
  // An unticked checkbox is absent from the form: absent means "not tracked" here.
  const values = { ...input, tracksInventory: input.tracksInventory ?? false };
  if (id) await updateProduct(db, actor, id, values);
  else await createProduct(db, actor, values);
  revalidatePath(`/o/${ctx.org.slug}/products`);
  redirect(`/o/${ctx.org.slug}/products`);
});

export const archiveProductAction = orgAction({ schema: z.object({ id: z.uuid() }) }, async (db, ctx, { id }) => {
  await archiveProduct(db, actorFromContext(ctx), id);
  revalidatePath(`/o/${ctx.org.slug}/products`);
  redirect(`/o/${ctx.org.slug}/products`);
});
