"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestPush } from "@/inngest/sync-events";
import { linkExistingInvoice, linkInvoiceInput } from "@/lib/billing/link-existing-invoice";
import { requestInvoice } from "@/lib/billing/request-invoice";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { dismissLeakage, dismissLeakageInput } from "@/lib/reports/leakage-report";
import { reportScope } from "@/lib/reports/report-scope";
import { orgAction } from "@/lib/tenancy/org-action";

const refresh = (slug: string) => revalidatePath(`/o/${slug}/reports/leakage`);

/** A won deal with no invoice (or only a voided one): its invoice is made through the sync, as "Create invoice" on the deal does. */
export const createLeakageInvoiceAction = orgAction({ schema: z.object({ dealId: z.uuid({ error: "Pick a deal from the list." }) }) }, async (db, ctx, { dealId }) => {
  const actor = actorFromContext(ctx);
  await reportScope(db, actor);
  const outcome = await requestInvoice(db, actor, dealId, { confirmStage: true });
  if (outcome.queued) await requestPush(ctx.org.id, "manual");
  refresh(ctx.org.slug);
  return { ok: true, message: outcome.queued ? "Invoice requested: it reaches Xero within seconds. A draft stays on this list as not approved until it is approved in Xero." : `This deal already has invoice ${outcome.invoice?.number ?? ""}.` };
});

/** The accountant already billed the deal in Xero: the deal takes that invoice instead of a new one. */
export const linkLeakageInvoiceAction = orgAction({ schema: linkInvoiceInput }, async (db, ctx, input) => {
  const actor = actorFromContext(ctx);
  await reportScope(db, actor);
  const { number } = await linkExistingInvoice(db, actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: `Linked ${number ?? "the invoice"} to the deal.` };
});

/** "This is fine": the row leaves the list and the totals, recorded with who and why. */
export const dismissLeakageAction = orgAction({ schema: dismissLeakageInput }, async (db, ctx, input) => {
  const actor = actorFromContext(ctx);
  const scope = await reportScope(db, actor);
  await dismissLeakage(db, scope, actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Dismissed." };
});
