import { redirect } from "next/navigation";
import { cache } from "react";
import { ensureDatabaseReady, getDb } from "@/db";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { auth } from "./auth";
import { findSessionUser } from "./sessions";

export type SessionUser = OrgContext["user"];

/** The signed-in user's session id, for "sign out everywhere else"; null when signed out. */
export const getSessionId = cache(async (): Promise<string | null> => {
  const session = (await auth()) as { sessionId?: string } | null;
  return session?.sessionId ?? null;
});

/**
 * The signed-in user, re-read once per request together with the server-side session: a cookie
 * whose session was ended (sign-out, password change, removal) counts as signed out.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { user?: { id?: string }; sessionId?: string } | null;
  const id = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!id || !sessionId) return null;
  await ensureDatabaseReady();
  return findSessionUser(getDb(), sessionId, id);
});

export async function requireSessionUser(callbackUrl?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  return user;
}
