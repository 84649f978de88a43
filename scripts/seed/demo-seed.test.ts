import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { organizations, syncItems, users } from "@/db/schema";
import { dataHealthReport } from "@/lib/crm/data-health";
import { authenticate } from "@/lib/auth/authenticate";
import { listMembers } from "@/lib/tenancy/members";
import { DEMO_ADMIN, DEMO_ORG, DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./demo-seed";

// The demo slug is global, so this test owns it; on a shared Postgres it may already be seeded.
describe("seedDemo", () => {
  it("seeds Acme Agency once, with users who can sign in with the printed password", async () => {
    const db = getDb();
    await seedDemo(db);
    expect(await seedDemo(db)).toEqual({ created: false });
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, DEMO_ORG.slug));
    const members = await listMembers(db, org.id);
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(DEMO_USERS.map((u) => [u.email, u.role]).sort());
    for (const u of DEMO_USERS) expect(await authenticate(db, u.email, DEMO_PASSWORD, "seed-test")).toMatchObject({ ok: true });
    const [admin] = await db.select().from(users).where(eq(users.email, DEMO_ADMIN.email));
    expect(admin.isPlatformAdmin).toBe(true);
    // A CRM to show: customers (two duplicates for Data health), deals across the pipeline, won ones queued for Xero.
    const crm = await dataHealthReport(db, org.id);
    expect(crm.duplicates.map((d) => d.customers.map((c) => c.name).sort())).toEqual([["Globex Corp", "Globex Corporation"]]);
    const won = await db.select().from(syncItems).where(and(eq(syncItems.orgId, org.id), eq(syncItems.entityType, "deal")));
    expect(won).toHaveLength(2);
  });
});
