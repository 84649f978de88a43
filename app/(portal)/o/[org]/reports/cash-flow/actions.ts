"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { pullBalanceSheet } from "@/lib/reports/receivables-tie-out";
import { pullXeroPerformance } from "@/lib/reports/xero-performance";
import { UnreadableXeroReportError } from "@/lib/reports/xero-report-rows";
import { reportScope } from "@/lib/reports/report-scope";
import { orgAction } from "@/lib/tenancy/org-action";
import { toXeroError } from "@/lib/xero/xero-error";

/**
 * "Pull from Xero": the Balance Sheet as at today (a minute-old pull answers instead), and the
 * Profit and Loss and Bank Summary of the last three months, from the manual share of Xero calls.
 */
export const pullBalanceSheetAction = orgAction({ schema: z.object({}) }, async (db, ctx) => {
  const scope = await reportScope(db, actorFromContext(ctx));
  try {
    await pullBalanceSheet(db, ctx.org.id, scope.today, "manual");
    await pullXeroPerformance(db, ctx.org.id, scope.today, "manual");
  } catch (error) {
    const message = error instanceof UnreadableXeroReportError ? error.message : toXeroError(error).message;
    return { ok: false, error: `Xero's reports could not be pulled: ${message}` };
  }
  revalidatePath(`/o/${ctx.org.slug}/reports/cash-flow`);
  return { ok: true, message: "Pulled Xero's Balance Sheet, Profit and Loss and Bank Summary." };
});
