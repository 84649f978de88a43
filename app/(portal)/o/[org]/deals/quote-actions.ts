"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestQuote } from "@/lib/billing/request-quote";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { syncQuotes } from "@/lib/sync/quotes/sync-quotes";
import { orgAction } from "@/lib/tenancy/org-action";
import { requestPush } from "@/inngest/sync-events";

/** "Create quote" on a deal: sent to Xero at once. */
export const createQuoteAction = orgAction({ schema: z.object({ id: z.uuid(), status: z.enum(["DRAFT", "SENT"]).optional() }) }, async (db, ctx, { id, status }) => {
  const outcome = await requestQuote(db, actorFromContext(ctx), id, { status });
  revalidatePath(`/o/${ctx.org.slug}/deals/${id}`);
  if (outcome.state === "sent") return { ok: true, message: `Quote ${outcome.quote.number} is in Xero (${outcome.quote.status.toLowerCase()}).` };
  if (outcome.state === "failed") return { ok: false, error: `Xero refused the quote: ${outcome.message ?? "no reason given"}` };
  return { ok: true, message: "Xero has not answered yet: the quote goes out as soon as it does, once." };
});

/** "Check for an answer now": the quotes pull at once (it also runs every minute while a quote is open). */
export const checkQuotesAction = orgAction({ schema: z.object({ id: z.uuid() }) }, async (db, ctx, { id }) => {
  const result = await syncQuotes(db, ctx.org.id, "manual");
  if (result.accepted) await requestPush(ctx.org.id, "manual");
  revalidatePath(`/o/${ctx.org.slug}/deals/${id}`);
  return { ok: true, message: result.accepted ? "Accepted in Xero: the deal is won and its invoice is on its way." : result.changed ? "Updated from Xero." : "No change in Xero yet." };
});
