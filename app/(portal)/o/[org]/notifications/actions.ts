"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markNotificationsRead } from "@/lib/notifications/notify";
import { orgAction } from "@/lib/tenancy/org-action";

export const markAllReadAction = orgAction({ schema: z.object({}) }, async (db, ctx) => {
  await markNotificationsRead(db, ctx.user.id, "all");
  revalidatePath(`/o/${ctx.org.slug}`, "layout");
  return { ok: true, message: "All caught up." };
});
