import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { adminAudit, adminRequestCounts, customers, syncCursors, syncItems, users, xeroConnections } from "@/db/schema";
import { createApiKey } from "@/lib/api/api-keys";
import { getEnv } from "@/lib/env";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { pullResources } from "@/lib/sync/pull/pull-resources";
import { parseInput } from "@/lib/validation";
import { makeOrg, makeUser } from "@/test/factories";
import { drainAll } from "@/test/sync-fixtures";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { SYNC_EVENTS } from "@/inngest/events";
import { runLocally } from "@/inngest/local-driver";
import { localServeHandler } from "@/inngest/local-handler";
import { adminHandlers, type AdminSyncRequest } from "./admin-handlers";
import { ADMIN_REQUESTS_PER_MINUTE } from "./admin-rate-limit";
import { createAdminToken, revokeAdminToken } from "./admin-tokens";

const sandboxOf = sandboxForFile();

/** The requests as the job layer runs them: the real pull and push functions through Inngest's serve handler, here and now. */
const sent: AdminSyncRequest[] = [];
async function runNow(requests: AdminSyncRequest[]) {
  for (const r of requests) {
    sent.push(r);
    const { kind, ...data } = r;
    const run = await runLocally(localServeHandler(), kind === "push" ? "ledgerbridge-sync-push-outbox" : "ledgerbridge-sync-pull-xero", { name: kind === "push" ? SYNC_EVENTS.push : SYNC_EVENTS.pull, data }, { sleep: async () => undefined });
    if (run.status !== "completed") throw new Error(`${kind} did not complete: ${JSON.stringify(run)}`);
  }
}

let sessionUser: { id: string; email: string; isPlatformAdmin: boolean } | null = null;
/** Xero's health judged over this file's tenants only: other test files share the database (and have Xeros of their own). */
let healthScope: string[] | null = null;
const api = adminHandlers({ requestSync: runNow, session: async () => sessionUser, healthScope: () => ({ orgIds: healthScope }) });
let token: string;
let adminId: string;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, options: { orgId?: string; body?: unknown; rawBody?: string; auth?: string | null; query?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? `Bearer ${token}` : options.auth;
  if (auth !== null) headers.authorization = auth;
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  if (hasBody) headers["content-type"] = "application/json";
  Object.assign(headers, options.headers);
  const request = new Request(`http://localhost/api/admin/x${options.query ?? ""}`, { method: hasBody ? "POST" : "GET", headers, body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const response = await handler(request, { params: Promise.resolve<Record<string, string>>(options.orgId ? { organization_id: options.orgId } : {}) });
  return { status: response.status, json: (await response.json()) as Record<string, any>, headers: response.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const GUIDE_FIELDS = ["connected", "token_expires_at", "last_sync", "sync_status", "pending_syncs", "failed_syncs", "errors"];
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

beforeAll(async () => {
  const admin = await makeUser(getDb(), { isPlatformAdmin: true });
  adminId = admin.id;
  token = (await createAdminToken(getDb(), admin.id, { name: "tests" })).token;
});

describe("admin API: who may call", () => {
  it("refuses every caller but a platform admin, with the right status, and audits the known ones", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const none = await call(api.status, { orgId: ctx.org.id, auth: null });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(none.json.error).toMatchObject({ code: "unauthenticated", message: expect.stringContaining("admin:token") });
    expect((await call(api.status, { orgId: ctx.org.id, auth: "Basic abc" })).status).toBe(401);
    expect((await call(api.status, { orgId: ctx.org.id, auth: "Bearer lba_not-a-real-token" })).status).toBe(401);
    // A tenant's API key is no admin token.
    const tenantKey = await createApiKey(db, { orgId: ctx.org.id, name: "k", scope: "write", canSeeAmounts: true, createdBy: null });
    expect((await call(api.status, { orgId: ctx.org.id, auth: `Bearer ${tenantKey.key}` })).status).toBe(401);

    const other = await makeUser(db, { isPlatformAdmin: true });
    const revoked = await createAdminToken(db, other.id, { name: "revoked" });
    await revokeAdminToken(db, revoked.id);
    const refused = await call(api.status, { orgId: ctx.org.id, auth: `Bearer ${revoked.token}` });
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toMatch(/revoked/);

    const demoted = await makeUser(db, { isPlatformAdmin: true });
    const demotedToken = await createAdminToken(db, demoted.id, { name: "former" });
    await db.update(users).set({ isPlatformAdmin: false }).where(eq(users.id, demoted.id));
    expect((await call(api.status, { orgId: ctx.org.id, auth: `Bearer ${demotedToken.token}` })).status).toBe(403);

    // Sessions: a tenant owner's is refused, a platform admin's is let in.
    sessionUser = { id: ctx.user.id, email: ctx.user.email, isPlatformAdmin: false };
    const member = await call(api.status, { orgId: ctx.org.id, auth: null });
    expect(member.status).toBe(403);
    expect(member.json).not.toHaveProperty("connected");
    sessionUser = { id: other.id, email: other.email, isPlatformAdmin: true };
    expect((await call(api.status, { orgId: ctx.org.id, auth: null })).status).toBe(200);
    sessionUser = null;

    // Every known caller is audited, refused or not; the refused never reached a tenant, so no organisation is named.
    const audited = async (email: string) => (await db.select().from(adminAudit).where(eq(adminAudit.actor, email))).map((a) => [a.via, a.action, a.status, a.orgId]);
    expect(await audited(other.email)).toEqual(expect.arrayContaining([["token", "GET status", 401, null], ["session", "GET status", 200, ctx.org.id]]));
    expect(await audited(demoted.email)).toEqual([["token", "GET status", 403, null]]);
    expect(await db.$count(adminAudit, eq(adminAudit.tokenId, revoked.id))).toBe(1);
    // Callers nobody can name are audited too, as such.
    expect(await db.$count(adminAudit, and(eq(adminAudit.actor, "(unknown token)"), eq(adminAudit.status, 401)))).toBeGreaterThanOrEqual(3);
    expect(await db.$count(adminAudit, and(eq(adminAudit.actor, "(no token or admin session)"), eq(adminAudit.status, 401)))).toBeGreaterThanOrEqual(1);
    expect(await audited(ctx.user.email)).toEqual([["session", "GET status", 403, null]]);
  });

  it("a session's writes must come from our own pages as JSON (a cookie rides along with any cross-site request)", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const admin = await makeUser(db, { isPlatformAdmin: true });
    sessionUser = { id: admin.id, email: admin.email, isPlatformAdmin: true };
    const body = { sync_type: "contacts" };
    expect((await call(api.retry, { orgId: ctx.org.id, auth: null, body, headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await call(api.retry, { orgId: ctx.org.id, auth: null, body, headers: { "sec-fetch-site": "same-site" } })).status).toBe(403);
    const plain = await call(api.retry, { orgId: ctx.org.id, auth: null, body, headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(400);
    expect(plain.json.error.fields[0].field).toBe("(body)");
    const own = await call(api.retry, { orgId: ctx.org.id, auth: null, body, headers: { origin: new URL(getEnv().appUrl).origin, "sec-fetch-site": "same-origin" } });
    expect(own.status).toBe(202);
    // A token is not sent by a browser by itself: its writes need no such check.
    expect((await call(api.retry, { orgId: ctx.org.id, body, headers: { "content-type": "text/plain", origin: "https://elsewhere.example" } })).status).toBe(202);
    sessionUser = null;
  });

  it("limits each token per minute with a 429 and Retry-After", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const limited = await createAdminToken(db, adminId, { name: "busy" });
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await db.insert(adminRequestCounts).values({ bucket: `token:${limited.id}`, minute, count: ADMIN_REQUESTS_PER_MINUTE });
    const answer = await call(api.status, { orgId: ctx.org.id, auth: `Bearer ${limited.token}` });
    if (Date.now() - minute.getTime() < 59_000) {
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(answer.json.error.code).toBe("rate_limited");
    }
    // Another token is not held back by this one's limit.
    expect((await call(api.status, { orgId: ctx.org.id })).status).toBe(200);
  });

  it("answers 404 for an unknown or malformed organisation id, never a 5xx", async () => {
    for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "1; drop table users", "%00", "\u0000"]) {
      const answer = await call(api.status, { orgId: id });
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe("not_found");
    }
  });
});

describe("admin API: status", () => {
  it("a tenant never connected: disconnected, nothing pending, no errors, the guide's fields first", async () => {
    const ctx = await makeOrg(getDb());
    const { json, status } = await call(api.status, { orgId: ctx.org.id });
    expect(status).toBe(200);
    expect(Object.keys(json).slice(0, 7)).toEqual(GUIDE_FIELDS);
    expect(json).toMatchObject({ connected: false, token_expires_at: null, last_sync: null, sync_status: "disconnected", pending_syncs: 0, failed_syncs: 0, errors: [] });
    expect(json).toMatchObject({ organization: { id: ctx.org.id, name: ctx.org.name, slug: ctx.org.slug }, xero_tenant_id: null, scopes: { granted: [], missing: expect.arrayContaining(["offline_access"]) } });
  });

  it("connected and healthy, then with failed records (degraded), then needing re-auth, then disconnected", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" });
    const healthy = (await call(api.status, { orgId })).json;
    expect(healthy).toMatchObject({ connected: true, sync_status: "healthy", pending_syncs: 0, failed_syncs: 0, errors: [], xero_tenant_id: tenantId, scopes: { missing: [] } });
    expect(healthy.token_expires_at).toMatch(ISO_Z);
    expect(healthy.last_sync).toMatch(ISO_Z);
    expect(healthy.calls_today.calls).toBeGreaterThan(0);

    // Two customers Xero refuses (the plan's contact limit), one it takes: some failing, the rest flowing.
    await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Flows Fine", email: "fine@example.test" }));
    await drainAll(orgId);
    sandbox.control.setContactLimit(tenantId, 0);
    await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Limit One", email: "one@example.test" }));
    await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Limit Two", email: "two@example.test" }));
    await drainAll(orgId);
    const degraded = (await call(api.status, { orgId })).json;
    expect(degraded).toMatchObject({ sync_status: "degraded", failed_syncs: 2 });
    expect(degraded.errors).toHaveLength(2);
    expect(degraded.errors[0]).toMatchObject({ type: "contact_sync", message: expect.stringMatching(/contact/i), timestamp: expect.stringMatching(ISO_Z) });

    // The token refused: needs re-auth, with a connection error saying what the customer must do.
    // The token refused (what markConnectionBroken writes): needs re-auth, since the moment it broke, newest first.
    const brokeAt = new Date();
    await db.update(xeroConnections).set({ status: "needs_reauth", statusReason: "Xero refused the refresh token (invalid_grant).", updatedAt: brokeAt }).where(eq(xeroConnections.orgId, orgId));
    const reauth = (await call(api.status, { orgId })).json;
    expect(reauth).toMatchObject({ connected: false, sync_status: "needs_reauth" });
    expect(reauth.errors[0]).toMatchObject({ type: "connection", message: expect.stringContaining("re-authorises"), timestamp: brokeAt.toISOString() });
    expect(reauth.errors.map((e: { timestamp: string }) => e.timestamp)).toEqual([...reauth.errors.map((e: { timestamp: string }) => e.timestamp)].sort().reverse());

    await db.update(xeroConnections).set({ status: "disconnected", statusReason: "The app was removed in Xero.", disconnectedByUser: false, updatedAt: new Date() }).where(eq(xeroConnections.orgId, orgId));
    const gone = (await call(api.status, { orgId })).json;
    expect(gone).toMatchObject({ connected: false, sync_status: "disconnected" });
    expect(gone.errors[0]).toMatchObject({ type: "connection", message: expect.stringContaining("removed in Xero") });
  });

  it("a refresh token unused for 60 days needs re-auth even while the row still says connected", async () => {
    const db = getDb();
    const { orgId } = await connectedSyncOrg(db, sandboxOf());
    await db.update(xeroConnections).set({ refreshTokenIssuedAt: new Date(Date.now() - 61 * 86_400_000) }).where(eq(xeroConnections.orgId, orgId));
    const { json } = await call(api.status, { orgId });
    expect(json.sync_status).toBe("needs_reauth");
    expect(json.errors[0].message).toContain("60 days");
  });
});

describe("admin API: retry", () => {
  it("queues only this organisation's failed records of that type, sends them at once, and names the rest", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    await pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" });
    const fine = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Already Fine", email: "fine2@example.test" }));
    await drainAll(orgId);
    sandbox.control.setContactLimit(tenantId, 1);
    const stuck = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Stuck Co", email: "stuck@example.test" }));
    await drainAll(orgId);
    expect((await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, stuck.id))))[0].status).toBe("failed");

    const elsewhere = await connectedSyncOrg(db, sandbox);
    const foreign = await createCustomer(db, actorFromContext(elsewhere.ctx), parseInput(customerInput, { name: "Other Tenant Co", email: "other@example.test" }));
    const missing = "11111111-1111-4111-8111-111111111111";

    // The cause fixed (the plan upgraded), the admin retries.
    sandbox.control.setContactLimit(tenantId, null);
    sent.length = 0;
    const answer = await call(api.retry, { orgId, body: { sync_type: "contacts", record_ids: [stuck.id, fine.id, foreign.id, missing] } });
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ queued: [stuck.id], unknown: [foreign.id, missing], not_failed: [fine.id] });
    expect(sent).toEqual([{ kind: "push", orgId, trigger: "retry" }]);
    const [row] = await db.select({ xeroContactId: customers.xeroContactId }).from(customers).where(eq(customers.id, stuck.id));
    expect(row.xeroContactId).toBeTruthy();
    expect([...sandbox.sandbox.org(tenantId)!.contacts.values()].filter((c) => c.Name === "Stuck Co")).toHaveLength(1);
    // The other organisation's record was never touched.
    expect(await db.$count(syncItems, and(eq(syncItems.orgId, elsewhere.orgId), eq(syncItems.entityId, foreign.id)))).toBe(1);
    expect((await call(api.status, { orgId })).json).toMatchObject({ sync_status: "healthy", failed_syncs: 0 });
  });

  it("without record_ids retries every failed record of the type; a type with none queues nothing", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    await pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" });
    sandbox.control.setContactLimit(tenantId, 0);
    const made = [];
    for (const n of [1, 2, 3]) made.push(await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: `Refused ${n}`, email: `refused${n}@example.test` })));
    await drainAll(orgId);
    sandbox.control.setContactLimit(tenantId, null);
    expect((await call(api.retry, { orgId, body: { sync_type: "invoices" } })).json).toEqual({ queued: [], unknown: [], not_failed: [] });
    const all = await call(api.retry, { orgId, body: { sync_type: "contacts" } });
    expect([...all.json.queued].sort()).toEqual(made.map((c) => c.id).sort());
    expect(sandbox.sandbox.org(tenantId)!.contacts.size).toBe(3);
  });

  it("takes the guide's request exactly as written: its placeholder ids are unknown records", async () => {
    const ctx = await makeOrg(getDb());
    const answer = await call(api.retry, { orgId: ctx.org.id, rawBody: '{\n"sync_type": "contacts",\n"record_ids": ["uuid-1", "uuid-2"]\n}' });
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ queued: [], unknown: ["uuid-1", "uuid-2"], not_failed: [] });
    const resync = await call(api.resync, { orgId: ctx.org.id, rawBody: '{\n"sync_types": ["contacts", "invoices"],\n"since": "2025-01-01T00:00:00Z"\n}' });
    expect(resync.status).toBe(202);
    expect(resync.json.runs.map((r: { sync_type: string }) => r.sync_type)).toEqual(["contacts", "invoices"]);
  });

  it("refuses a bad body naming each field", async () => {
    const ctx = await makeOrg(getDb());
    const bad = async (body: unknown, field: string, rawBody?: string) => {
      const answer = await call(api.retry, { orgId: ctx.org.id, body, rawBody });
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe("validation");
      expect(answer.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    };
    await bad({}, "sync_type");
    await bad({ sync_type: "widgets" }, "sync_type");
    await bad({ sync_type: "contacts", record_ids: "uuid-1" }, "record_ids");
    await bad({ sync_type: "contacts", record_ids: [42] }, "record_ids.0");
    await bad({ sync_type: "contacts", record_ids: Array.from({ length: 501 }, () => crypto.randomUUID()) }, "record_ids");
    await bad({ sync_type: "contacts\u0000" }, "sync_type");
    await bad(undefined, "(body)", "{not json");
    await bad([1, 2], "(body)");
  });
});

describe("admin API: resync", () => {
  it("re-reads Xero from `since` (If-Modified-Since that instant) and answers a run per type", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ["contacts", "invoices", "credit_notes"], { mode: "initial", trigger: "initial" });
    const before = sandbox.control.requests({ tenantId }).length;
    const cursorsBefore = await db.select().from(syncCursors).where(eq(syncCursors.orgId, orgId));
    const since = "2025-01-01T00:00:00Z";
    const answer = await call(api.resync, { orgId, body: { sync_types: ["contacts", "invoices"], since } });
    expect(answer.status).toBe(202);
    expect(answer.json.runs).toEqual([
      { sync_type: "contacts", since: "2025-01-01T00:00:00.000Z", run_id: expect.any(String) },
      { sync_type: "invoices", since: "2025-01-01T00:00:00.000Z", run_id: expect.any(String) },
    ]);
    const lists = sandbox.control
      .requests({ tenantId })
      .slice(before)
      .filter((r) => r.method === "GET" && /\/(Contacts|Invoices|CreditNotes)\b/.test(r.path));
    expect(lists.map((r) => r.path.split("?")[0].split("/").pop()).sort()).toEqual(["Contacts", "CreditNotes", "Invoices"]);
    // Each list asks from the date, or from its cursor where that is further back (never skipping what it had still to read); one that never held a record reads from the start.
    const asked = new Date(since).getTime();
    for (const r of lists) {
      const resource = { Contacts: "contacts", Invoices: "invoices", CreditNotes: "credit_notes" }[r.path.split("?")[0].split("/").pop()!]!;
      const cursor = cursorsBefore.find((c) => c.resource === resource)!.lastUpdatedAt;
      if (cursor) expect(new Date(r.ifModifiedSince!).getTime()).toBe(Math.min(asked, cursor.getTime()));
      else expect(r.ifModifiedSince).toBeUndefined();
    }
    // At least one list was past the date: it asks exactly from it.
    expect(lists.some((r) => r.ifModifiedSince && new Date(r.ifModifiedSince).getTime() === asked)).toBe(true);
  });

  it("never moves a cursor forward: a week still unread stays to be read, and the walk starts there", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" });
    // The connection was paused for a while: its contacts cursor is further back than the date asked for.
    const stale = new Date(Date.now() - 7 * 86_400_000);
    await db.update(syncCursors).set({ lastUpdatedAt: stale }).where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts")));
    const before = sandbox.control.requests({ tenantId }).length;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const answer = await call(api.resync, { orgId, body: { sync_types: ["contacts"], since: yesterday } });
    expect(answer.json.runs[0].since).toBe(yesterday);
    const read = sandbox.control.requests({ tenantId }).slice(before).filter((r) => r.method === "GET" && r.path.startsWith("/api.xro/2.0/Contacts"));
    expect(new Date(read[0].ifModifiedSince!).getTime()).toBe(stale.getTime());
    const [cursor] = await db.select().from(syncCursors).where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts")));
    expect(cursor.lastUpdatedAt!.getTime()).toBeGreaterThanOrEqual(stale.getTime());
  });

  it("refuses bad bodies naming the field", async () => {
    const ctx = await makeOrg(getDb());
    for (const [body, field] of [
      [{ sync_types: ["contacts"], since: "2999-01-01T00:00:00Z" }, "since"],
      [{}, "sync_types"],
      [{ sync_types: [] }, "sync_types"],
      [{ sync_types: ["quotes"] }, "sync_types.0"],
      [{ sync_types: ["contacts"], since: "yesterday" }, "since"],
      [{ sync_types: ["contacts"], since: "0000-01-01T00:00:00Z" }, "since"],
    ] as const) {
      const answer = await call(api.resync, { orgId: ctx.org.id, body });
      expect(answer.status).toBe(400);
      expect(answer.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });
});

describe("admin API: organisations and Xero's health", () => {
  it("tells Xero's outage (every tenant failing at once) from one tenant's revoked connection, with three tenants", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const tenants = [await connectedSyncOrg(db, sandbox), await connectedSyncOrg(db, sandbox), await connectedSyncOrg(db, sandbox)];
    healthScope = tenants.map((t) => t.orgId);
    // Calls older than the window are not this test's: only these three tenants' calls count below.
    const pull = (orgId: string) => pullResources(db, orgId, ["currencies"], { mode: "full", trigger: "schedule" }).catch(() => undefined);

    // One tenant removes the app inside Xero: its calls are refused (403), the others flow.
    sandbox.control.disconnectTenant(tenants[0].tenantId);
    for (const t of tenants) await pull(t.orgId);
    const one = (await call(api.health)).json;
    expect(one.status).not.toBe("outage");
    expect((await call(api.status, { orgId: tenants[0].orgId })).json.sync_status).toBe("disconnected");
    expect((await call(api.status, { orgId: tenants[1].orgId })).json.sync_status).toBe("healthy");

    // Xero goes down for everyone: the two live tenants fail, the panel says outage, nobody is marked needs_reauth.
    sandbox.control.setFaults({ outage: true });
    // The scheduled pulls keep trying: three failures in a row each.
    for (let i = 0; i < 3; i++) for (const t of tenants.slice(1)) await pull(t.orgId);
    const out = (await call(api.health)).json;
    expect(out).toMatchObject({ status: "outage", window_minutes: 15 });
    expect(out.tenants_affected).toBeGreaterThanOrEqual(2);
    expect(out.tenants_affected * 2).toBeGreaterThan(out.tenants_active);
    expect(out.server_errors).toBeGreaterThan(0);
    for (const t of tenants.slice(1)) {
      const s = (await call(api.status, { orgId: t.orgId })).json;
      expect(s.sync_status).toBe("failing");
      expect(s.errors[0]).toMatchObject({ type: "connection", message: expect.stringContaining("Xero outage") });
    }
    const statuses = await db.select({ status: xeroConnections.status }).from(xeroConnections).where(eq(xeroConnections.orgId, tenants[1].orgId));
    expect(statuses[0].status).toBe("connected");

    const listed = (await call(api.organizations, { query: "?status=failing" })).json.organizations as { id: string; sync_status: string }[];
    expect(listed.map((o) => o.id)).toEqual(expect.arrayContaining(tenants.slice(1).map((t) => t.orgId)));
    expect(listed.every((o) => o.sync_status === "failing")).toBe(true);
    sandbox.control.clearFaults();
    healthScope = null;
  });

  it("lists organisations worst first with the overview's fields, filtered and searched", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const { json } = await call(api.organizations, { query: `?q=${encodeURIComponent(ctx.org.name.toUpperCase())}` });
    expect(json.organizations).toEqual([
      {
        id: ctx.org.id,
        name: ctx.org.name,
        slug: ctx.org.slug,
        connected: false,
        sync_status: "disconnected",
        token_expires_at: null,
        last_sync: null,
        pending_syncs: 0,
        failed_syncs: 0,
        xero_tenant_name: null,
        refresh_token_expires_at: null,
        calls_today: 0,
        bytes_today: 0,
      },
    ]);
    const bad = await call(api.organizations, { query: "?status=sideways" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe("status");
  });
});

describe("admin: escalation bundle and the /connections check", () => {
  it("bundles what Xero support asks for, and nothing secret or personal beyond names", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ["contacts", "currencies"], { mode: "initial", trigger: "initial" });
    sandbox.control.setContactLimit(tenantId, 0);
    const refused = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Bundle Person Ltd", email: "jane.doe@bundle.test", phone: "+44 20 7946 0000" }));
    await drainAll(orgId);
    await db.update(syncItems).set({ lastXeroMessage: "Duplicate contact: jane.doe@bundle.test, call +44 20 7946 0000" }).where(eq(syncItems.entityId, refused.id));

    // Another tenant failing at the same time: the platform-wide verdict would name it; the bundle must not.
    const other = await connectedSyncOrg(db, sandbox);
    sandbox.control.setFaults({ failNext: { count: 3, status: 503 } });
    for (let i = 0; i < 3; i++) await pullResources(db, other.orgId, ["currencies"], { mode: "full", trigger: "schedule" }).catch(() => undefined);
    sandbox.control.clearFaults();
    const answer = await call(api.bundle, { orgId });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.json)).not.toContain(other.ctx.org.name);
    expect(answer.json.xero_health.this_organization.calls).toBeGreaterThan(0);
    expect(answer.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="escalation-${ctx.org.slug}-\\d{4}-\\d{2}-\\d{2}\\.json"`));
    const bundle = answer.json;
    expect(bundle).toMatchObject({ organization_id: orgId, xero_tenant_id: tenantId, connection: { scopes_missing: [], token_expires_at: expect.stringMatching(ISO_Z) }, failed_syncs: 1 });
    // Xero refused the record (it answers, so the connection is fine): the record's error alone.
    expect(bundle.errors.map((e: { type: string }) => e.type)).toEqual(["contact_sync"]);
    expect(bundle.errors.find((e: { type: string }) => e.type === "contact_sync")).toMatchObject({ timestamp: expect.stringMatching(ISO_Z), message: expect.stringContaining("Duplicate contact: [email], call [phone]") });
    expect(bundle.xero_requests.length).toBeGreaterThan(0);
    expect(bundle.xero_requests.length).toBeLessThanOrEqual(100);
    expect(bundle.xero_requests[0]).toEqual({ at: expect.stringMatching(ISO_Z), method: expect.any(String), path: expect.any(String), status: expect.any(Number), duration_ms: expect.any(Number), correlation_id: expect.anything(), error: null });
    const text = JSON.stringify(bundle);
    const [connection] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
    for (const secret of [connection.accessTokenCipher!, connection.refreshTokenCipher!, "jane.doe", "7946", token]) expect(text).not.toContain(secret);
    const { openTokens } = await import("@/lib/xero/connection-store");
    const tokens = openTokens(connection);
    expect(text).not.toContain(tokens.accessToken);
    expect(text).not.toContain(tokens.refreshToken);
  });

  it("asks Xero's /connections whether the app is still there, and records what it finds", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const { checkXeroConnection } = await import("@/lib/xero/check-xero-connections");
    expect(await checkXeroConnection(db, orgId)).toMatchObject({ state: "connected" });
    sandbox.control.disconnectTenant(tenantId);
    expect(await checkXeroConnection(db, orgId)).toMatchObject({ state: "disconnected", message: expect.stringContaining("removed inside Xero") });
    const status = (await call(api.status, { orgId })).json;
    expect(status).toMatchObject({ sync_status: "disconnected", connected: false });
    expect(status.errors[0]).toMatchObject({ type: "connection" });
    const unknownOrg = await makeOrg(db);
    expect(await checkXeroConnection(db, unknownOrg.org.id)).toMatchObject({ state: "not_connected" });
    // The nightly pass over many: the removed one is found, the standing one is left connected.
    const { checkXeroConnections } = await import("@/lib/xero/check-xero-connections");
    const standing = await connectedSyncOrg(db, sandbox);
    const removed = await connectedSyncOrg(db, sandbox);
    sandbox.control.disconnectTenant(removed.tenantId);
    expect(await checkXeroConnections(db, [standing.orgId, removed.orgId, unknownOrg.org.id])).toEqual({ broken: [removed.orgId] });
    expect((await call(api.status, { orgId: standing.orgId })).json.sync_status).toBe("healthy");
  });
});
