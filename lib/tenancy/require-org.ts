import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { requireSessionUser } from "@/lib/auth/session-user";
import { loadOrgContext, type OrgContext } from "./org-context";

/**
 * The chokepoint for pages and layouts under /o/[org]: signed out -> sign-in; not a member, or
 * no such organisation -> 404 (the same answer, so a URL never confirms another tenant exists).
 */
export const requireOrg = cache(async (slug: string): Promise<OrgContext> => {
  const user = await requireSessionUser(`/o/${slug}`);
  const ctx = await loadOrgContext(getDb(), user, slug);
  if (!ctx) notFound();
  return ctx;
});
