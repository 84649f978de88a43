import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { adminAudit } from "@/db/schema";
import { makeUser } from "@/test/factories";
import { auditAdminAction } from "./admin-audit";

describe("the admin audit's group commit", () => {
  it("calls finishing together share inserts, each waits for its row, and one bad row does not lose the others", async () => {
    const db = getDb();
    const admin = await makeUser(db, { isPlatformAdmin: true });
    const action = `test ${randomUUID()}`;
    // The 7th names a user that does not exist (deleted meanwhile): its row is kept without the reference.
    await Promise.all(Array.from({ length: 20 }, (_, i) => auditAdminAction(db, { userId: i === 6 ? randomUUID() : admin.id, actor: admin.email, via: "token", action, status: 200 + i })));
    const rows = await db.select().from(adminAudit).where(eq(adminAudit.action, action));
    expect(rows.map((r) => r.status).sort()).toEqual(Array.from({ length: 20 }, (_, i) => 200 + i));
    expect(rows.find((r) => r.status === 206)!.userId).toBeNull();
    expect(rows.filter((r) => r.userId === admin.id)).toHaveLength(19);
  });

  it("a tenant id that is not one, or details jsonb cannot hold, still writes its row, and the rest of its batch with it", async () => {
    const db = getDb();
    const admin = await makeUser(db, { isPlatformAdmin: true });
    const action = `test ${randomUUID()}`;
    const outcomes = await Promise.allSettled([
      auditAdminAction(db, { userId: admin.id, actor: admin.email, via: "token", action, status: 200 }),
      auditAdminAction(db, { userId: admin.id, actor: admin.email, via: "token", action, status: 404, orgId: "not-a-uuid" }),
      auditAdminAction(db, { userId: admin.id, actor: admin.email, via: "token", action, status: 400, details: { body: "nul \u0000 inside" } }),
      auditAdminAction(db, { userId: admin.id, actor: admin.email, via: "token", action, status: 201 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    const rows = await db.select().from(adminAudit).where(eq(adminAudit.action, action));
    expect(rows.map((r) => r.status).sort()).toEqual([200, 201, 400, 404]);
    expect(rows.find((r) => r.status === 404)).toMatchObject({ orgId: null, details: { organizationId: "not-a-uuid" } });
    // Each row keeps the moment of its own call: the audit reads in the order things happened.
    const byStatus = new Map(rows.map((r) => [r.status, r.at.getTime()]));
    expect(byStatus.get(200)! <= byStatus.get(201)!).toBe(true);
  });
});
