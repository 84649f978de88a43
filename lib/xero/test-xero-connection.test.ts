import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroConnections } from "@/db/schema";
import { overrideEnvForTests } from "@/lib/env";
import { addMember } from "@/test/factories";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { admitXeroCall, releaseXeroCall } from "./rate-limiter";
import { testXeroConnection } from "./test-xero-connection";

const sandbox = sandboxForFile();
const organisationCalls = (tenantId: string) => sandbox().control.requests({ pathPrefix: "/api.xro/2.0/Organisation", tenantId }).length;

describe("Test connection: managers only, answered from a cached result for a minute, from the manual share", () => {
  it("refuses members who do not manage Xero, without calling Xero", async () => {
    const db = getDb();
    const { ctx, tenantId } = await connectedSyncOrg(db, sandbox());
    for (const role of ["sales", "finance"] as const) {
      const member = await addMember(db, ctx.org.id, ctx.org.slug, role);
      await expect(testXeroConnection(db, member)).rejects.toThrow(/role does not allow this/);
    }
    expect(organisationCalls(tenantId)).toBe(0);
  });

  it("calls Xero once a minute per organisation however often it is pressed, the result kept in Postgres", async () => {
    const db = getDb();
    const { ctx, tenantId } = await connectedSyncOrg(db, sandbox());
    const t0 = new Date();
    const first = await testXeroConnection(db, ctx, t0);
    expect(first).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected: Xero answered for Sync Test/) });
    expect(organisationCalls(tenantId)).toBe(1);

    const again = await Promise.all(Array.from({ length: 8 }, () => testXeroConnection(db, ctx, new Date(t0.getTime() + 20_000))));
    expect(organisationCalls(tenantId)).toBe(1);
    for (const answer of again) expect(answer).toMatchObject({ ok: true, message: expect.stringMatching(/^Tested 20 s ago: OK, Xero answered for Sync Test .*Test again in 40 s\.$/) });
    // The cache is a row, not process memory: another instance reads the same answer.
    const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, ctx.org.id));
    expect(row).toMatchObject({ lastTestOk: true, lastTestAt: t0 });

    expect(await testXeroConnection(db, ctx, new Date(t0.getTime() + 61_000))).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected/) });
    expect(organisationCalls(tenantId)).toBe(2);
  });

  it("uses the manual share of the day's calls: once it is spent it says so, and the sync's calls still go", async () => {
    const db = getDb();
    const { ctx, tenantId } = await connectedSyncOrg(db, sandbox());
    overrideEnvForTests({ xeroLimits: { concurrent: 5, perMinute: 100_000, perDay: 100 } });
    // Spend the manual share (10 of 100 a day) as other interactive calls would.
    for (let i = 0; ; i++) {
      const a = await admitXeroCall(db, tenantId, Date.now(), undefined, "manual");
      if (!a.ok) break;
      await releaseXeroCall(db, a.leaseId);
      expect(i).toBeLessThan(20);
    }
    const answer = await testXeroConnection(db, ctx);
    expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/share of Xero calls for manual tests is used up.*sync is not affected/) });
    expect(organisationCalls(tenantId)).toBe(0);
    expect((await admitXeroCall(db, tenantId)).ok).toBe(true);
  });
});
