"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { requestInvoice } from "@/lib/billing/request-invoice";
import { createDeal, deleteDeal, moveDealToStage, updateDeal } from "@/lib/crm/deals";
import { jsonField } from "@/lib/crm/json-field";
import { dealInput, lineInput } from "@/lib/crm/schemas";
import { orgAction } from "@/lib/tenancy/org-action";
import { requestPush } from "@/inngest/sync-events";

const dealForm = dealInput.extend({ id: z.uuid().optional(), lines: jsonField(z.array(lineInput).max(200), "Lines").optional() });

export const saveDealAction = orgAction({ schema: dealForm }, async (db, ctx, { id, ...input }) => {
  const actor = actorFromContext(ctx);
  const saved = id ? await updateDeal(db, actor, id, input) : await createDeal(db, actor, input);
  await requestPush(ctx.org.id);
  revalidatePath(`/o/${ctx.org.slug}/deals`);
  redirect(`/o/${ctx.org.slug}/deals/${saved.id}`);
});

export const moveDealAction = orgAction({ schema: z.object({ id: z.uuid(), stageId: z.uuid("Pick a stage.") }) }, async (db, ctx, { id, stageId }) => {
  const deal = await moveDealToStage(db, actorFromContext(ctx), id, stageId);
  await requestPush(ctx.org.id);
  revalidatePath(`/o/${ctx.org.slug}/deals`);
  return { ok: true, message: deal.wonAt ? "Won: queued for invoicing in Xero." : "Moved." };
});

/** The deal page's "Create invoice": queued as a person's request, then pushed at once. */
export const createInvoiceAction = orgAction({ schema: z.object({ id: z.uuid(), confirm: z.enum(["on"]).optional() }) }, async (db, ctx, { id, confirm }) => {
  const outcome = await requestInvoice(db, actorFromContext(ctx), id, { confirmStage: confirm === "on" });
  if (outcome.queued) await requestPush(ctx.org.id, "manual");
  revalidatePath(`/o/${ctx.org.slug}/deals/${id}`);
  return { ok: true, message: outcome.queued ? "Invoice requested: it appears here within seconds." : `This deal already has invoice ${outcome.invoice?.number ?? ""}.` };
});

export const deleteDealAction = orgAction({ schema: z.object({ id: z.uuid() }) }, async (db, ctx, { id }) => {
  await deleteDeal(db, actorFromContext(ctx), id);
  revalidatePath(`/o/${ctx.org.slug}/deals`);
  redirect(`/o/${ctx.org.slug}/deals`);
});
