import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { requireSessionUser } from "@/lib/auth/session-user";
import { loadOrgContext, type OrgContext } from "./org-context";
import { can, type Permission } from "./roles";

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

/**
 * requireOrg plus a permission; a member without it gets the same 404 as a stranger. Every page of
 * a restricted section calls this itself: a layout's check does not run when a client-side
 * navigation asks Next for the page segment alone (RSC request with the layout in its router tree).
 */
export const requireOrgPermission = cache(async (slug: string, permission: Permission): Promise<OrgContext> => {
  const ctx = await requireOrg(slug);
  if (!can(ctx.role, permission)) notFound();
  return ctx;
});
