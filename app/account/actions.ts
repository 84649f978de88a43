"use server";

import { getDb } from "@/db";
import { changePassword } from "@/lib/auth/change-password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { getSessionId, getSessionUser } from "@/lib/auth/session-user";
import type { ActionResult } from "@/lib/tenancy/action-result";
import { toActionError } from "@/lib/tenancy/org-action";
import { formDataToObject } from "@/lib/validation";

export async function changePasswordAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  try {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "Your session ended. Sign in again." };
    const { endedSessions } = await changePassword(getDb(), user.id, await getSessionId(), formDataToObject(form));
    return { ok: true, message: `Password changed.${endedSessions ? ` ${endedSessions} other session${endedSessions === 1 ? " was" : "s were"} signed out.` : ""}` };
  } catch (error) {
    return toActionError(error);
  }
}

export async function signOutOtherSessionsAction(): Promise<ActionResult> {
  try {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "Your session ended. Sign in again." };
    const ended = await revokeUserSessions(getDb(), user.id, { except: (await getSessionId()) ?? undefined });
    return { ok: true, message: ended ? `Signed out ${ended} other session${ended === 1 ? "" : "s"}.` : "No other sessions were open." };
  } catch (error) {
    return toActionError(error);
  }
}
