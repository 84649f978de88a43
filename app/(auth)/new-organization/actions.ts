"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session-user";
import type { ActionResult } from "@/lib/tenancy/action-result";
import { createOrganization } from "@/lib/tenancy/create-organization";
import { toActionError } from "@/lib/tenancy/org-action";
import { organizationNameSchema } from "@/lib/tenancy/schemas";
import { formDataToObject, parseInput } from "@/lib/validation";

export async function createOrganizationAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  let slug: string;
  try {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "Your session ended. Sign in again." };
    const { name } = parseInput(z.object({ name: organizationNameSchema }), formDataToObject(form));
    const db = getDb();
    slug = (await db.transaction((tx) => createOrganization(tx, { name, ownerId: user.id }))).slug;
  } catch (error) {
    return toActionError(error);
  }
  redirect(`/o/${slug}`);
}
