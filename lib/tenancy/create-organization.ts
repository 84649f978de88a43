import type { Db } from "@/db";
import { memberships, organizations, type Organization } from "@/db/schema";
import { uniqueSlug } from "./slug";

/** Creates an organisation with its first owner. Pass a transaction to make it part of more. */
export async function createOrganization(
  db: Db,
  input: { name: string; ownerId: string; slug?: string; baseCurrency?: string; country?: string; timezone?: string },
): Promise<Organization> {
  const slug = input.slug ?? (await uniqueSlug(db, input.name));
  const [org] = await db
    .insert(organizations)
    .values({
      name: input.name,
      slug,
      baseCurrency: input.baseCurrency ?? "USD",
      country: input.country ?? "US",
      timezone: input.timezone ?? "UTC",
    })
    .returning();
  await db.insert(memberships).values({ orgId: org.id, userId: input.ownerId, role: "owner" });
  return org;
}
