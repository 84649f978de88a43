import { notFound } from "next/navigation";
import { requireSessionUser, type SessionUser } from "./session-user";

/** Platform-admin pages: signed out -> sign-in; signed in without the flag -> 404 (not even a hint). */
export async function requirePlatformAdmin(): Promise<SessionUser> {
  const user = await requireSessionUser("/admin");
  if (!user.isPlatformAdmin) notFound();
  return user;
}
