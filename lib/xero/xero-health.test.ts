import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroRequestLog } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { xeroHealth } from "./xero-health";

/** Calls of a tenant a minute ago: `ok` 200s, then `failed` 503s, `timeouts` with no answer, `refused` 401s. */
async function calls(orgId: string, { ok = 0, failed = 0, timeouts = 0, refused = 0 }) {
  const at = new Date(Date.now() - 60_000);
  const row = (status: number, i: number) => ({ orgId, method: "GET", path: "/Invoices", status, durationMs: 100 + i, createdAt: new Date(at.getTime() + i) });
  const rows = [...Array(ok).fill(200), ...Array(failed).fill(503), ...Array(timeouts).fill(0), ...Array(refused).fill(401)].map(row);
  if (rows.length) await getDb().insert(xeroRequestLog).values(rows);
}

describe("Xero's health over every tenant's calls", () => {
  it("a stray 5xx among a busy tenant's calls is noise; most tenants failing most calls is an outage; a refused token never counts", async () => {
    const db = getDb();
    const [a, b, c] = [await makeOrg(db), await makeOrg(db), await makeOrg(db)];
    const scope = { orgIds: [a.org.id, b.org.id, c.org.id] };
    await calls(a.org.id, { ok: 99, failed: 1 });
    await calls(b.org.id, { ok: 50 });
    await calls(c.org.id, { refused: 20 });
    const calm = await xeroHealth(db, scope);
    expect(calm).toMatchObject({ status: "ok", calls: 170, server_errors: 1, timeouts: 0, tenants_affected: 0, tenants_active: 3 });
    expect(calm.verdict).toContain("token refused");

    // Xero goes down: two of three tenants get nothing but 5xx and timeouts.
    await calls(a.org.id, { failed: 150, timeouts: 10 });
    await calls(b.org.id, { timeouts: 60 });
    const out = await xeroHealth(db, scope);
    expect(out).toMatchObject({ status: "outage", tenants_affected: 2, tenants_active: 3, server_errors: 151, timeouts: 70 });
    expect(out.verdict).toMatch(/^Looks like Xero: 2 of 3/);
    expect(out.p95_ms).toBeGreaterThan(0);
  });

  it("one tenant failing while the others answer is that tenant, not Xero", async () => {
    const db = getDb();
    const [a, b] = [await makeOrg(db), await makeOrg(db)];
    await calls(a.org.id, { failed: 10 });
    await calls(b.org.id, { ok: 10 });
    const h = await xeroHealth(db, { orgIds: [a.org.id, b.org.id] });
    expect(h).toMatchObject({ status: "degraded", tenants_affected: 1, tenants_active: 2 });
    expect(h.verdict).toContain(a.org.name);
  });
});
