"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { subscriptionForm } from "@/lib/crm/schemas";
import { saveSubscription } from "@/lib/crm/subscriptions";
import { orgAction } from "@/lib/tenancy/org-action";
import { requestPush } from "@/inngest/sync-events";

export const saveSubscriptionAction = orgAction({ schema: subscriptionForm }, async (db, ctx, { id, ...input }) => {
  await saveSubscription(db, actorFromContext(ctx), id ?? null, input);
  // Its repeating invoice goes to Xero at once, not at the next schedule.
  await requestPush(ctx.org.id);
  revalidatePath(`/o/${ctx.org.slug}/customers/${input.customerId}`);
  redirect(`/o/${ctx.org.slug}/customers/${input.customerId}`);
});
