import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { createApiKey, revokeApiKey } from "./api-keys";
import { buildOpenApiDocument } from "./openapi-document";
import { createHandler, deleteHandler, getHandler, listHandler, updateHandler } from "./v1-handlers";

const BASE = "http://app.test/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, key: string | null, method: string, params: Record<string, string>, body?: unknown, query = "", extraHeaders: Record<string, string> = {}) {
  const path = `${BASE}/${params.resource}${params.id ? `/${params.id}` : ""}${query}`;
  const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await handler(new Request(path, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) }), { params: Promise.resolve(params) });
  return { status: res.status, headers: res.headers, json: res.status === 204 ? null : await res.json() };
}

async function keys() {
  const db = getDb();
  const org = await makeCrmOrg(db);
  const make = (scope: "read" | "write", canSeeAmounts = true) => createApiKey(db, { orgId: org.orgId, name: scope, scope, canSeeAmounts, createdBy: org.owner.userId });
  return { db, org, write: (await make("write")).key, read: (await make("read")).key, blind: (await make("write", false)).key, make };
}

describe("tenant API /api/v1", () => {
  it("refuses a missing, unknown or revoked key with 401", async () => {
    const { db, org, make } = await keys();
    expect((await call(listHandler, null, "GET", { resource: "customers" })).status).toBe(401);
    const unknown = await call(listHandler, "lb_not-a-key", "GET", { resource: "customers" });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toMatch(/Bearer/);
    const k = await make("write");
    const ok = await call(listHandler, k.key, "GET", { resource: "customers" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("299");
    await revokeApiKey(db, org.orgId, k.id);
    expect((await call(listHandler, k.key, "GET", { resource: "customers" })).status).toBe(401);
  });

  it("creates, reads, changes and deletes a customer; read keys cannot write", async () => {
    const { write, read } = await keys();
    expect((await call(createHandler, read, "POST", { resource: "customers" }, { name: "Nope" })).status).toBe(403);
    const created = await call(createHandler, write, "POST", { resource: "customers" }, { name: "Umbrella", email: "billing@umbrella.test", country: "gb" });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ name: "Umbrella", country: "GB" });
    const id = created.json.data.id;
    const patched = await call(updateHandler, write, "PATCH", { resource: "customers", id }, { phone: "+44 20 7946 0000" });
    expect(patched.json.data).toMatchObject({ phone: "+44 20 7946 0000", email: "billing@umbrella.test" });
    expect((await call(getHandler, read, "GET", { resource: "customers", id })).json.data.name).toBe("Umbrella");
    expect((await call(deleteHandler, write, "DELETE", { resource: "customers", id })).status).toBe(204);
    expect((await call(getHandler, read, "GET", { resource: "customers", id })).status).toBe(404);
  });

  it("answers 400 naming each bad field, and 400 for a body that is not JSON", async () => {
    const { write } = await keys();
    const bad = await call(createHandler, write, "POST", { resource: "customers" }, { name: "", email: "x@", currency: "us" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["currency", "email", "name"]);
    const notJson = await call(createHandler, write, "POST", { resource: "customers" }, "{oops");
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.fields[0].field).toBe("(body)");
    const badLimit = await call(listHandler, write, "GET", { resource: "customers" }, undefined, "?limit=1000");
    expect(badLimit.json.error.fields[0]).toMatchObject({ field: "limit" });
  });

  it("answers 404 for another organisation's record, a malformed id and an unknown collection", async () => {
    const a = await keys();
    const b = await keys();
    const theirs = await call(createHandler, b.write, "POST", { resource: "customers" }, { name: "B only" });
    const id = theirs.json.data.id;
    expect((await call(getHandler, a.write, "GET", { resource: "customers", id })).status).toBe(404);
    expect((await call(updateHandler, a.write, "PATCH", { resource: "customers", id }, { name: "x" })).status).toBe(404);
    expect((await call(deleteHandler, a.write, "DELETE", { resource: "customers", id })).status).toBe(404);
    expect((await call(getHandler, a.write, "GET", { resource: "customers", id: "1 or 1=1" })).status).toBe(404);
    expect((await call(listHandler, a.write, "GET", { resource: "invoices" })).status).toBe(404);
    expect((await call(getHandler, b.read, "GET", { resource: "customers", id })).json.data.name).toBe("B only");
  });

  it("pages with a cursor and never repeats or skips a row", async () => {
    const { write } = await keys();
    for (let i = 0; i < 7; i++) await call(createHandler, write, "POST", { resource: "customers" }, { name: `C${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { name: string }[]; next_cursor: string | null } } = await call(listHandler, write, "GET", { resource: "customers" }, undefined, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.json.data.map((c) => c.name));
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["C0", "C1", "C2", "C3", "C4", "C5", "C6"]);
    expect((await call(listHandler, write, "GET", { resource: "customers" }, undefined, "?cursor=garbage")).json.error.fields[0].field).toBe("cursor");
  });

  it("hides amounts from a key without financial visibility", async () => {
    const { write, blind } = await keys();
    const product = await call(createHandler, write, "POST", { resource: "products" }, { code: "SEAT", name: "Seat", unitPrice: 49 });
    const customer = await call(createHandler, write, "POST", { resource: "customers" }, { name: "Hooli" });
    const deal = await call(createHandler, write, "POST", { resource: "deals" }, { title: "Seats", customerId: customer.json.data.id, lines: [{ productId: product.json.data.id, quantity: 10 }] });
    expect(deal.json.data).toMatchObject({ amount: "490.00", lines: [{ unitPrice: "49.00", lineAmount: "490.00" }] });
    const seen = await call(getHandler, blind, "GET", { resource: "deals", id: deal.json.data.id });
    expect(seen.json.data).toMatchObject({ amount: null, lines: [{ unitPrice: null, lineAmount: null, description: "Seat" }] });
    const list = await call(listHandler, blind, "GET", { resource: "products" });
    expect(list.json.data[0]).toMatchObject({ code: "SEAT", unitPrice: null });
  });

  it("replays a create retried with the same Idempotency-Key instead of creating twice", async () => {
    const { write } = await keys();
    const post = (body: unknown, key: string) => call(createHandler, write, "POST", { resource: "customers" }, body, "", { "idempotency-key": key });
    const [a, b] = await Promise.all([post({ name: "Once" }, "k-1"), post({ name: "Once" }, "k-1")]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.data.id).toBe(b.json.data.id);
    expect([a.headers.get("idempotent-replayed"), b.headers.get("idempotent-replayed")].sort()).toEqual(["true", null].sort());
    const other = await post({ name: "Different" }, "k-1");
    expect(other.status).toBe(400);
    expect(other.json.error.fields[0].field).toBe("Idempotency-Key");
    // A refused request does not use up the key: fix the body, retry with the same key.
    expect((await post({ name: "" }, "k-2")).status).toBe(400);
    expect((await post({ name: "Fixed" }, "k-2")).status).toBe(201);
    const names = (await call(listHandler, write, "GET", { resource: "customers" })).json.data.map((c: { name: string }) => c.name).sort();
    expect(names).toEqual(["Fixed", "Once"]);
  });

  it("publishes an OpenAPI document built from the validating schemas", () => {
    const doc = buildOpenApiDocument("http://app.test");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/customers",
      "/api/v1/customers/{id}",
      "/api/v1/deals",
      "/api/v1/deals/{id}",
      "/api/v1/deals/{id}/invoice",
      "/api/v1/deals/{id}/quote",
      "/api/v1/invoices",
      "/api/v1/invoices/{id}/payments",
      "/api/v1/payments",
      "/api/v1/products",
      "/api/v1/products/{id}",
      "/api/v1/quotes",
      "/api/v1/reports/ageing",
      "/api/v1/reports/cash-flow",
      "/api/v1/reports/leakage",
      "/api/v1/reports/leakage/dismiss",
      "/api/v1/reports/ltv-by-source",
      "/api/v1/reports/revenue",
      "/api/v1/reports/revenue-split",
      "/api/v1/subscriptions",
      "/api/v1/subscriptions/{id}",
      "/api/v1/sync/health-checks",
      "/api/v1/sync/health-checks/latest",
      "/api/v1/sync/status",
    ]);
    const customer = doc.components.schemas.CustomerInput as { properties: Record<string, { maxLength?: number }>; required: string[] };
    expect(customer.required).toEqual(["name"]);
    expect(customer.properties.name.maxLength).toBe(200);
  });
});
