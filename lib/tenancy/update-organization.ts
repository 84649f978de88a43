import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { organizations } from "@/db/schema";
import type { OrgContext } from "./org-context";
import type { organizationProfileSchema } from "./schemas";

export async function updateOrganizationProfile(db: Db, ctx: OrgContext, input: z.infer<typeof organizationProfileSchema>): Promise<void> {
  await db
    .update(organizations)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(organizations.id, ctx.org.id));
}

export async function setSalesCanSeeAmounts(db: Db, ctx: OrgContext, value: boolean): Promise<void> {
  await db.update(organizations).set({ salesCanSeeAmounts: value, updatedAt: new Date() }).where(eq(organizations.id, ctx.org.id));
}
