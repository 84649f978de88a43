import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { createApiKey } from "./api-keys";
import { listInvoicesHandler, listPaymentsHandler } from "./v1-billing-handlers";
import { createHandler, deleteHandler, getHandler, listHandler, updateHandler } from "./v1-handlers";

/**
 * Fuzz-style: every tenant API route, fed what attackers and careless clients send (malformed ids
 * and cursors, NUL bytes, prototype keys, repeated parameters, overflowing numbers, impossible dates,
 * wrong types, oversize bodies). The one assertion: never a 5xx.
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const HOSTILE_VALUES: unknown[] = [
  "\u0000",
  "a\u0000b",
  "__proto__",
  "=HYPERLINK(\"http://evil\")",
  "",
  " ",
  "x".repeat(100_000),
  -1,
  0,
  1e308,
  1e15,
  123456789012345.678,
  Number.MAX_SAFE_INTEGER,
  "0x1F4",
  "12,50",
  "1e3",
  "NaN",
  "0000-01-01",
  "9999-12-31",
  "2026-02-30",
  true,
  null,
  [],
  {},
  { __proto__: { polluted: true } },
  ["a", "b"],
];

const BAD_IDS = ["__proto__", "constructor", "toString", "1 or 1=1", "%00", "\u0000", "00000000-0000-0000-0000-000000000000", "------------------------------------", "x".repeat(5000)];
const RESOURCES = ["customers", "deals", "products", "subscriptions", "__proto__", "constructor", "toString", "hasOwnProperty", "invoices"];
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const BAD_CURSORS = [
  "garbage",
  "%00",
  b64(["2026-01-01T00:00:00.000Z", "not-a-uuid"]),
  b64(["0000-01-01T00:00:00.000Z", "00000000-0000-0000-0000-000000000000"]),
  b64(["+275760-09-13T00:00:00.000Z", "00000000-0000-0000-0000-000000000000"]),
  b64(["2026-01-01T00:00:00.000Z", "00000000-0000-0000-0000-000000000000' or 1=1"]),
  b64({ __proto__: 1 }),
  b64([1, 2]),
  b64("x"),
];

describe("tenant API fuzz: never a 5xx", () => {
  it("survives hostile paths, queries and bodies on every route", { timeout: 240_000 }, async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const keys: string[] = [];
    for (const canSeeAmounts of [true, false, true, true, true, true, true, true]) keys.push((await createApiKey(db, { orgId: org.orgId, name: "fuzz", scope: "write", canSeeAmounts, createdBy: org.owner.userId })).key);
    let calls = 0;
    const failures: string[] = [];
    // Each key may make 300 calls a minute: rotate so the limiter does not hide what the routes do.
    const call = async (handler: Handler, method: string, params: Record<string, string>, body?: string, query = "", headers: Record<string, string> = {}) => {
      const key = keys[Math.floor(calls++ / 250) % keys.length];
      const url = `http://app.test/api/v1/${encodeURIComponent(params.resource)}${params.id ? `/${encodeURIComponent(params.id)}` : ""}${query}`;
      const res = await handler(new Request(url, { method, headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers }, body }), { params: Promise.resolve(params) });
      if (res.status >= 500) failures.push(`${method} ${url} ${body?.slice(0, 120) ?? ""} -> ${res.status} ${(await res.text()).slice(0, 200)}`);
      return res;
    };

    const customer = await (await call(createHandler, "POST", { resource: "customers" }, JSON.stringify({ name: "Fuzz Co", email: "fuzz@example.test" }))).json();
    const product = await (await call(createHandler, "POST", { resource: "products" }, JSON.stringify({ code: "FUZZ", name: "Fuzz", unitPrice: 10 }))).json();
    const customerId = customer.data.id as string;
    const productId = product.data.id as string;
    const valid: Record<string, Record<string, unknown>> = {
      customers: { name: "Valid", email: "v@example.test", country: "GB", paymentTermDays: 30, tags: ["a"] },
      products: { code: "VALID-1", name: "Valid", unitPrice: 12.5, currency: "USD" },
      deals: { title: "Valid deal", customerId, expectedCloseDate: "2026-12-31", lines: [{ productId, quantity: 2 }, { description: "Work", quantity: 1.5, unitPrice: 100, discountPercent: 10 }] },
      subscriptions: { customerId, interval: "monthly", startDate: "2026-01-01", lines: [{ productId, quantity: 1 }] },
    };
    const ids: Record<string, string> = { customers: customerId, products: productId };
    for (const r of ["deals", "subscriptions"]) {
      const res = await call(createHandler, "POST", { resource: r }, JSON.stringify(valid[r]));
      expect(res.status).toBe(201);
      ids[r] = (await res.json()).data.id;
    }

    for (const resource of RESOURCES) {
      await call(listHandler, "GET", { resource });
      for (const cursor of BAD_CURSORS) await call(listHandler, "GET", { resource }, undefined, `?cursor=${encodeURIComponent(cursor)}`);
      for (const q of ["?limit=0", "?limit=-1", "?limit=1e9", "?limit=abc", "?limit=10&limit=20", "?cursor=a&cursor=b", "?limit=%00", "?__proto__=1"]) await call(listHandler, "GET", { resource }, undefined, q);
      for (const id of [...BAD_IDS, ids[resource] ?? customerId]) {
        await call(getHandler, "GET", { resource, id });
        await call(updateHandler, "PATCH", { resource, id }, JSON.stringify({ name: "\u0000" }));
        await call(deleteHandler, "DELETE", { resource, id: id === ids[resource] ? BAD_IDS[0] : id });
      }
      for (const body of ["", "null", "[]", "1", '"x"', "{oops", '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', JSON.stringify({ a: "x".repeat(2 * 1024 * 1024) })]) {
        await call(createHandler, "POST", { resource }, body);
        if (ids[resource]) await call(updateHandler, "PATCH", { resource, id: ids[resource] }, body);
      }
    }

    // Every field of every valid body, replaced in turn by each hostile value; lines' fields too.
    for (const [resource, base] of Object.entries(valid)) {
      const fields = Object.keys(base);
      for (const field of fields) {
        for (const value of HOSTILE_VALUES) {
          const body = JSON.stringify({ ...base, [field]: value, ...(resource === "products" ? { code: `F${calls}` } : {}) });
          await call(createHandler, "POST", { resource }, body);
          await call(updateHandler, "PATCH", { resource, id: ids[resource] }, JSON.stringify({ [field]: value }));
        }
      }
      if (Array.isArray(base.lines)) {
        for (const field of ["productId", "description", "quantity", "unitPrice", "discountPercent"]) {
          for (const value of HOSTILE_VALUES) {
            const lines = [{ ...(base.lines as Record<string, unknown>[])[0], [field]: value }];
            await call(createHandler, "POST", { resource }, JSON.stringify({ ...base, lines }));
            await call(updateHandler, "PATCH", { resource, id: ids[resource] }, JSON.stringify({ lines }));
          }
        }
      }
    }
    // The billing lists: odd dates and cursors in their filters.
    for (const handler of [listInvoicesHandler, listPaymentsHandler] as Handler[]) {
      for (const since of ["0000-01-01T00:00:00Z", "%2B275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "9999-12-31T23:59:59.999Z", "%00"]) await call(handler, "GET", { resource: "invoices-or-payments" }, undefined, `?updatedSince=${since}`);
      for (const cursor of BAD_CURSORS) await call(handler, "GET", { resource: "invoices-or-payments" }, undefined, `?cursor=${encodeURIComponent(cursor)}`);
    }
    // An Idempotency-Key of odd shapes.
    for (const key of ["\u0000", "x".repeat(10_000), "__proto__"]) {
      await call(createHandler, "POST", { resource: "customers" }, JSON.stringify({ name: "Idem" }), "", { "idempotency-key": key.replace(/\u0000/g, "%00") });
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  });
});
