"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runHealthCheck } from "@/lib/sync/health/run-health-check";
import { orgAction } from "@/lib/tenancy/org-action";

/** "Run health check now" (it also runs monthly). */
export const runHealthCheckAction = orgAction({ permission: "finance:view", schema: z.object({}) }, async (db, ctx) => {
  const report = await runHealthCheck(db, ctx.org.id, "portal");
  revalidatePath(`/o/${ctx.org.slug}/sync/health`);
  const mismatched = report.spotChecks.filter((s) => !s.matches).length;
  return { ok: true, message: `Health check done${report.spotChecks.length ? `: ${report.spotChecks.length - mismatched} of ${report.spotChecks.length} invoices match Xero` : ""}. Finance was notified.` };
});
