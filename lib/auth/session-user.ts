import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ensureDatabaseReady, getDb } from "@/db";
import { users } from "@/db/schema";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { auth } from "./auth";

export type SessionUser = OrgContext["user"];

/** The signed-in user, re-read from the database once per request; null when signed out. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  await ensureDatabaseReady();
  const [user] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
});

export async function requireSessionUser(callbackUrl?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  return user;
}
