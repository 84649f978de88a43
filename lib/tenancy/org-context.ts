import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships, organizations, type MemberRole, type Membership, type Organization, type User } from "@/db/schema";
import { canSeeAmounts } from "./roles";

export interface OrgContext {
  user: Pick<User, "id" | "name" | "email" | "isPlatformAdmin">;
  org: Organization;
  membership: Membership;
  role: MemberRole;
  canSeeAmounts: boolean;
}

/**
 * The organisation behind a URL slug, as seen by one user. null when the slug is unknown or the
 * user is not a member: callers answer both with 404 so a URL never reveals another tenant.
 */
export async function loadOrgContext(db: Db, user: OrgContext["user"], slug: string): Promise<OrgContext | null> {
  // A slug is lower-case letters, digits and dashes; anything else (a NUL from a hand-edited URL) names no organisation.
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  const [row] = await db
    .select({ org: organizations, membership: memberships })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.userId, user.id)))
    .where(eq(organizations.slug, slug));
  if (!row) return null;
  return {
    user,
    org: row.org,
    membership: row.membership,
    role: row.membership.role,
    canSeeAmounts: canSeeAmounts(row.org, row.membership),
  };
}

/** The organisations a user belongs to, for the switcher and for landing after sign-in. */
export async function listUserOrganizations(db: Db, userId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name);
}
