"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/lib/tenancy/org-action";
import { announceConnection } from "@/inngest/sync-events";
import { chooseXeroTenant, startXeroConnect } from "@/lib/xero/connect-flow";
import { disconnectXero } from "@/lib/xero/disconnect-xero";
import { testXeroConnection } from "@/lib/xero/test-xero-connection";

export const connectXeroAction = orgAction({ permission: "xero:manage", schema: z.object({}) }, async (db, ctx) => {
  redirect(await startXeroConnect(db, ctx));
});

export const chooseXeroTenantAction = orgAction(
  {
    permission: "xero:manage",
    schema: z.object({
      state: z.string().min(1, "The Xero sign-in is missing; start again."),
      tenantId: z.string({ error: "Choose an organisation." }).min(1, "Choose an organisation."),
      confirmChange: z.enum(["on"]).optional(),
    }),
  },
  async (db, ctx, input) => {
    const name = await chooseXeroTenant(db, ctx, { state: input.state, tenantId: input.tenantId, confirmChange: input.confirmChange === "on" });
    await announceConnection(ctx.org.id);
    revalidatePath(`/o/${ctx.org.slug}`, "layout");
    redirect(`/o/${ctx.org.slug}/settings/integrations?xero=connected&name=${encodeURIComponent(name)}`);
  },
);

export const disconnectXeroAction = orgAction({ permission: "xero:manage", schema: z.object({}) }, async (db, ctx) => {
  const { revokedAtXero } = await disconnectXero(db, ctx);
  revalidatePath(`/o/${ctx.org.slug}`, "layout");
  // The page answers (its disconnect button is gone once disconnected), so the outcome travels in the URL.
  redirect(`/o/${ctx.org.slug}/settings/integrations?xero=${revokedAtXero ? "disconnected" : "disconnected_unconfirmed"}`);
});

/**
 * A manual test, as the setup guides advise: one cheap call that proves the connection works. For
 * managers only; repeats within a minute are answered from the last result (lib/xero/test-xero-connection.ts).
 */
export const testXeroConnectionAction = orgAction({ permission: "xero:manage", schema: z.object({}) }, async (db, ctx) => {
  const answer = await testXeroConnection(db, ctx);
  // A failed test may have marked the connection broken: the whole portal shows that.
  if (!answer.ok) revalidatePath(`/o/${ctx.org.slug}`, "layout");
  revalidatePath(`/o/${ctx.org.slug}/settings/integrations`);
  return answer.ok ? { ok: true, message: answer.message } : { ok: false, error: answer.message };
});
