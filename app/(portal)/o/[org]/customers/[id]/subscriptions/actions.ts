"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { jsonField } from "@/lib/crm/json-field";
import { lineInput, subscriptionInput } from "@/lib/crm/schemas";
import { saveSubscription } from "@/lib/crm/subscriptions";
import { orgAction } from "@/lib/tenancy/org-action";

const subscriptionForm = z.intersection(subscriptionInput, z.object({ id: z.uuid().optional(), lines: jsonField(z.array(lineInput).min(1, "Add at least one product line.").max(200), "Lines") }));

export const saveSubscriptionAction = orgAction({ schema: subscriptionForm }, async (db, ctx, { id, ...input }) => {
  await saveSubscription(db, actorFromContext(ctx), id ?? null, input);
  revalidatePath(`/o/${ctx.org.slug}/customers/${input.customerId}`);
  redirect(`/o/${ctx.org.slug}/customers/${input.customerId}`);
});
