import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships, organizations } from "@/db/schema";
import { createUser } from "@/lib/auth/sign-up";
import { actorForMember } from "@/lib/crm/actor-for-member";
import { createOrganization } from "@/lib/tenancy/create-organization";
import { seedDemoCrm } from "./demo-crm";

/** Demo-only credentials: printed on the embedded default's first start and in README.md. */
export const DEMO_PASSWORD = "ledgerbridge-demo-1";

export const DEMO_USERS = [
  { email: "owner@acme.test", name: "Olivia Owner", role: "owner" as const },
  { email: "finance@acme.test", name: "Finn Finance", role: "finance" as const },
  { email: "sales@acme.test", name: "Sam Sales", role: "sales" as const },
];
export const DEMO_ADMIN = { email: "admin@ledgerbridge.test", name: "Ada Admin" };
export const DEMO_ORG = { name: "Acme Agency", slug: "acme" };

/** Seeds the demo organisation once; a second run finds it and changes nothing. */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_ORG.slug));
  if (existing) return { created: false };
  await db.transaction(async (tx) => {
    const created = [];
    for (const u of DEMO_USERS) created.push({ ...u, user: await createUser(tx, { name: u.name, email: u.email, password: DEMO_PASSWORD }) });
    await createUser(tx, { ...DEMO_ADMIN, password: DEMO_PASSWORD, isPlatformAdmin: true });
    const org = await createOrganization(tx, {
      name: DEMO_ORG.name,
      slug: DEMO_ORG.slug,
      ownerId: created[0].user.id,
      baseCurrency: "USD",
      country: "US",
      timezone: "America/New_York",
    });
    await tx.update(organizations).set({ monthlyRevenueGoal: "50000.00" }).where(eq(organizations.id, org.id));
    await tx.insert(memberships).values(created.slice(1).map((c) => ({ orgId: org.id, userId: c.user.id, role: c.role })));
    const actorOf = async (userId: string) => (await actorForMember(tx, org.id, userId, "portal"))!;
    await seedDemoCrm(tx, await actorOf(created[0].user.id), await actorOf(created[2].user.id));
  });
  return { created: true };
}

export function demoCredentialsText(appUrl: string): string {
  return [
    `Sign in at ${appUrl}/sign-in`,
    `Demo sign-in (demo data only; password for every demo user: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map((u) => `  ${u.role.padEnd(8)} ${u.email}`),
    `  platform ${DEMO_ADMIN.email} (platform admin: /admin)`,
  ].join("\n");
}
