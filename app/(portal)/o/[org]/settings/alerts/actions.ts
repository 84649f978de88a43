"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveAlertChoices } from "@/lib/alerts/alert-preferences";
import { removeAlertWebhook, saveAlertWebhook } from "@/lib/alerts/alert-webhook";
import { sendTestWebhookMessage } from "@/lib/alerts/deliver-alerts";
import { getAlertWebhook } from "@/lib/alerts/alert-webhook";
import { orgAction } from "@/lib/tenancy/org-action";

const pathOf = (slug: string) => `/o/${slug}/settings/alerts`;
/** The form lists the kinds it showed (`kind`), each with an `inApp:<kind>` and `email:<kind>` box. */
const kindsShown = (form: FormData) => form.getAll("kind").map(String);

export const saveAlertChoicesAction = orgAction({ schema: z.object({}).passthrough() }, async (db, ctx, _input, form) => {
  const choices = kindsShown(form).map((kind) => ({ kind, inApp: form.get(`inApp:${kind}`) === "on", email: form.get(`email:${kind}`) === "on" }));
  await saveAlertChoices(db, ctx.org.id, ctx.user.id, choices);
  revalidatePath(pathOf(ctx.org.slug));
  return { ok: true, message: "Saved. Alerts reach you the way you chose from now on." };
});

export const saveAlertWebhookAction = orgAction({ permission: "org:manage", schema: z.object({ webhookUrl: z.string().max(4000).optional() }).passthrough() }, async (db, ctx, input, form) => {
  // Every ticked value goes to the library, which names an unknown one in its error.
  const kinds = form.getAll("webhookKind").map(String);
  await saveAlertWebhook(db, ctx.org.id, ctx.user.id, { url: input.webhookUrl ?? "", kinds, includeAmounts: form.get("includeAmounts") === "on" });
  revalidatePath(pathOf(ctx.org.slug));
  return { ok: true, message: kinds.length ? "Webhook saved. Send a test message to check it." : "Webhook saved; no alert kind is ticked, so nothing is posted to it yet." };
});

export const testAlertWebhookAction = orgAction({ permission: "org:manage", schema: z.object({}).passthrough() }, async (db, ctx) => {
  if (!(await getAlertWebhook(db, ctx.org.id))) return { ok: false, error: "Save a webhook URL first." };
  const outcome = await sendTestWebhookMessage(db, ctx.org.id, ctx.org.name);
  revalidatePath(pathOf(ctx.org.slug));
  return outcome.status === "delivered" ? { ok: true, message: "Test message delivered. Check the channel." } : { ok: false, error: outcome.error ?? "The test message was not delivered." };
});

export const removeAlertWebhookAction = orgAction({ permission: "org:manage", schema: z.object({}).passthrough() }, async (db, ctx) => {
  await removeAlertWebhook(db, ctx.org.id);
  revalidatePath(pathOf(ctx.org.slug));
  return { ok: true, message: "Webhook removed. Alerts still reach members in the portal and by email." };
});
