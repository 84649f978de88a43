import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import type { MemberRole } from "@/db/schema";
import { memberships } from "@/db/schema";
import { createUser } from "@/lib/auth/sign-up";
import { createOrganization } from "@/lib/tenancy/create-organization";
import { loadOrgContext, type OrgContext } from "@/lib/tenancy/org-context";

/** Unique per call, so tests sharing one real Postgres never collide. */
export const uniq = (prefix = "t") => `${prefix}-${randomUUID().slice(0, 8)}`;

export const TEST_PASSWORD = "correct-horse-42";

export async function makeUser(db: Db, overrides: { email?: string; name?: string; isPlatformAdmin?: boolean } = {}) {
  const email = overrides.email ?? `${uniq("user")}@example.test`;
  return createUser(db, { name: overrides.name ?? "Test User", email, password: TEST_PASSWORD, isPlatformAdmin: overrides.isPlatformAdmin });
}

/** An organisation with an owner; returns the owner's context. */
export async function makeOrg(db: Db): Promise<OrgContext> {
  const owner = await makeUser(db, { name: "Owner Person" });
  const org = await createOrganization(db, { name: uniq("Org"), ownerId: owner.id });
  return (await loadOrgContext(db, owner, org.slug))!;
}

export async function addMember(db: Db, orgId: string, slug: string, role: MemberRole): Promise<OrgContext> {
  const user = await makeUser(db, { name: `${role} person` });
  await db.insert(memberships).values({ orgId, userId: user.id, role });
  return (await loadOrgContext(db, user, slug))!;
}
