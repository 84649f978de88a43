"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { signIn } from "@/lib/auth/auth";
import { passwordSchema } from "@/lib/auth/password";
import { getSessionUser } from "@/lib/auth/session-user";
import { createUser, nameSchema } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import type { ActionResult } from "@/lib/tenancy/action-result";
import { acceptInvitation, findInvitation } from "@/lib/tenancy/invitations";
import { toActionError } from "@/lib/tenancy/org-action";
import { formDataToObject, parseInput } from "@/lib/validation";

/** A signed-in user accepts the invitation addressed to their email. */
export async function acceptInvitationAction(token: string): Promise<ActionResult> {
  let slug: string;
  try {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "Sign in first." };
    slug = (await acceptInvitation(getDb(), token, user)).slug;
  } catch (error) {
    return toActionError(error);
  }
  redirect(`/o/${slug}`);
}

/** A newcomer creates their account from the invitation (email fixed by the invitation) and joins. */
export async function acceptWithNewAccountAction(token: string, _prev: unknown, form: FormData): Promise<ActionResult> {
  try {
    const db = getDb();
    const input = parseInput(z.object({ name: nameSchema, password: passwordSchema }), formDataToObject(form));
    const found = await findInvitation(db, token);
    if (found.state !== "valid") throw new AppError("conflict", "This invitation can no longer be used. Ask for a new one.");
    const email = found.invitation.email;
    await db.transaction(async (tx) => {
      const user = await createUser(tx, { name: input.name, email, password: input.password });
      await acceptInvitation(tx, token, user);
    });
    await signIn("credentials", { email, password: input.password, redirectTo: `/o/${found.org.slug}` });
    return { ok: true };
  } catch (error) {
    return toActionError(error);
  }
}
