"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { resync, retry, syncNow } from "@/inngest/manual-sync";
import { requestPush } from "@/inngest/sync-events";
import { boundedDay } from "@/lib/bounded-date";
import { AppError } from "@/lib/errors";
import { RESYNC_TYPES } from "@/lib/sync/resync";
import { retryIds } from "@/lib/sync/retry-failed";
import { resolveReview, reviewDecision } from "@/lib/sync/review/resolve-review";
import { orgAction } from "@/lib/tenancy/org-action";
import { parseInput } from "@/lib/validation";

const refresh = (slug: string) => revalidatePath(`/o/${slug}/sync`, "layout");

/** Retry one, the selected, or every failed record (of one cause). */
export const retrySyncAction = orgAction(
  { permission: "sync:operate", schema: z.object({ ids: retryIds.optional(), cause: z.string().max(60).optional(), scope: z.enum(["selected", "all"]) }) },
  async (db, ctx, input) => {
    const ids = input.ids ?? [];
    if (input.scope === "selected" && !ids.length) throw new AppError("validation", "Tick the records to retry.", [{ field: "ids", message: "Tick at least one record." }]);
    const queued = await retry(db, ctx.org.id, input.scope === "all" ? { cause: input.cause || undefined } : { itemIds: ids });
    refresh(ctx.org.slug);
    return { ok: true, message: queued ? `${queued} record${queued === 1 ? "" : "s"} queued again.` : "Nothing left to retry." };
  },
);

/** Pull what changed in Xero and push what waits, now. */
export const syncNowAction = orgAction({ permission: "sync:operate", schema: z.object({}) }, async (db, ctx) => {
  const message = await syncNow(db, ctx.org.id);
  refresh(ctx.org.slug);
  return { ok: true, message };
});

const resyncForm = z.object({
  types: z.union([z.enum(RESYNC_TYPES), z.array(z.enum(RESYNC_TYPES))], { error: "Choose at least one kind of record." }),
  since: z.preprocess((v) => (v === "" ? null : v), boundedDay("since").nullable().optional()),
});

export const resyncAction = orgAction({ permission: "sync:operate", schema: resyncForm }, async (db, ctx, input) => {
  const types = ([] as (typeof RESYNC_TYPES)[number][]).concat(input.types);
  const { queued, joined } = await resync(db, ctx.org.id, types, input.since ? `${input.since}T00:00:00Z` : null);
  refresh(ctx.org.slug);
  const what = `${types.join(", ")}${input.since ? ` changed since ${input.since}` : ""}`;
  return { ok: true, message: `${joined ? `Resync of ${what} was already about to start; yours joins it` : `Resync started: ${what}`}; ${queued} of our records queued to send again.` };
});

export const resolveReviewAction = orgAction(
  { permission: "sync:operate", schema: z.object({ reviewId: z.uuid(), action: z.enum(["link", "create", "skip"]), targetId: z.string().max(100).optional() }) },
  async (db, ctx, input) => {
    const decision = parseInput(reviewDecision, input.action === "link" ? { action: "link", targetId: input.targetId ?? "" } : { action: input.action });
    const message = await resolveReview(db, ctx.org.id, ctx.user.id, input.reviewId, decision);
    await requestPush(ctx.org.id, "manual");
    refresh(ctx.org.slug);
    return { ok: true, message };
  },
);
