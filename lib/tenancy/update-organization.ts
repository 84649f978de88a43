import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { organizations, xeroConnections, xeroOrganisationProfiles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "./org-context";
import type { organizationProfileSchema } from "./schemas";

/**
 * The profile. While Xero is connected the base currency is Xero's (its CurrencyRates are relative
 * to it, and the sync keeps it so): another one is refused, naming Xero's.
 */
export async function updateOrganizationProfile(db: Db, ctx: OrgContext, input: z.infer<typeof organizationProfileSchema>): Promise<void> {
  const [xero] = await db
    .select({ baseCurrency: xeroOrganisationProfiles.baseCurrency })
    .from(xeroOrganisationProfiles)
    .innerJoin(xeroConnections, and(eq(xeroConnections.orgId, xeroOrganisationProfiles.orgId), eq(xeroConnections.status, "connected")))
    .where(eq(xeroOrganisationProfiles.orgId, ctx.org.id));
  if (xero && input.baseCurrency && input.baseCurrency !== xero.baseCurrency) {
    throw new AppError("validation", `baseCurrency: Xero is connected, and its base currency is ${xero.baseCurrency}.`, [{ field: "baseCurrency", message: `Keep ${xero.baseCurrency}, the Xero organisation's base currency: every amount Xero converts is relative to it.` }]);
  }
  await db
    .update(organizations)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(organizations.id, ctx.org.id));
}

export async function setSalesCanSeeAmounts(db: Db, ctx: OrgContext, value: boolean): Promise<void> {
  await db.update(organizations).set({ salesCanSeeAmounts: value, updatedAt: new Date() }).where(eq(organizations.id, ctx.org.id));
}
