import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { organizations, syncLog, xeroConnections } from "@/db/schema";
import { organizationProfileSchema } from "@/lib/tenancy/schemas";
import { updateOrganizationProfile } from "@/lib/tenancy/update-organization";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { pullResources } from "./pull-resources";

const sandboxOf = sandboxForFile();

describe("one base currency: Xero's", () => {
  it("connecting a GBP organisation to a USD CRM aligns the CRM's base currency and logs it; while connected another one is refused", async () => {
    const db = getDb();
    const { ctx, orgId } = await connectedSyncOrg(db, sandboxOf(), { seed: "demo", country: "GB" });
    expect(ctx.org.baseCurrency).toBe("USD");
    await pullResources(db, orgId, ["organisation"], { mode: "initial", trigger: "initial" });
    const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
    expect(org.baseCurrency).toBe("GBP");
    const logged = await db.select().from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.recordType, "organisation")));
    expect(logged.map((l) => l.message)).toEqual(["Base currency set to GBP, the Xero organisation's: reports and new deals use it."]);
    // A second pull changes and logs nothing.
    await pullResources(db, orgId, ["organisation"], { mode: "full", trigger: "reconcile" });
    expect(await db.$count(syncLog, and(eq(syncLog.orgId, orgId), eq(syncLog.recordType, "organisation")))).toBe(1);

    const profile = (baseCurrency: string) => parseInput(organizationProfileSchema, { name: org.name, baseCurrency, country: "GB", timezone: "Europe/London", monthlyRevenueGoal: "", defaultPaymentTermDays: "30" });
    await expect(updateOrganizationProfile(db, { ...ctx, org }, profile("USD"))).rejects.toMatchObject({ code: "validation", fields: [{ field: "baseCurrency", message: expect.stringContaining("Keep GBP") }] });
    await updateOrganizationProfile(db, { ...ctx, org }, profile("GBP"));
    // Disconnected, the organisation may choose again.
    await db.update(xeroConnections).set({ status: "disconnected" }).where(eq(xeroConnections.orgId, orgId));
    await updateOrganizationProfile(db, { ...ctx, org }, profile("EUR"));
    expect((await db.select().from(organizations).where(eq(organizations.id, orgId)))[0].baseCurrency).toBe("EUR");
  });
});
