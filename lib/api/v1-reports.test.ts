import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { createApiKey } from "./api-keys";
import { dismissLeakageHandler, reportHandler } from "./v1-report-handlers";

async function call(handler: typeof reportHandler, key: string, path: string, params: Record<string, string>, body?: unknown) {
  const res = await handler(new Request(`http://app.test/api/v1/reports/${path}`, { method: body === undefined ? "GET" : "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  return { status: res.status, json: await res.json() };
}

describe("reports in the tenant API", () => {
  it("answers each report as { data } to a key with amounts, 403 without, 400 naming a bad field, 404 for an unknown report", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const customer = await books.customer("Api Co");
    await books.invoice({ contact: customer.xeroContactId, date: "2026-10-05", total: "110.00", dueDate: "2026-10-20" });
    const make = async (scope: "read" | "write", canSeeAmounts: boolean) => (await createApiKey(db, { orgId: org.orgId, name: scope, scope, canSeeAmounts, createdBy: org.owner.userId })).key;
    const read = await make("read", true);
    const blind = await make("write", false);
    const write = await make("write", true);

    const revenue = await call(reportHandler, read, "revenue?from=2026-10&to=2026-10", { report: "revenue" });
    expect(revenue).toEqual({ status: 200, json: { data: { currency: "USD", goal: null, from: "2026-10", to: "2026-10", months: [{ month: "2026-10", invoiced: "110.00", credited: "0.00", collected: "0.00" }] } } });
    const ageing = await call(reportHandler, read, "ageing?asOf=2026-11-30", { report: "ageing" });
    expect(ageing.json.data).toMatchObject({ asOf: "2026-11-30", days31to60: "110.00", total: "110.00" });
    for (const report of ["cash-flow", "ltv-by-source", "leakage"]) expect((await call(reportHandler, read, report, { report })).status).toBe(200);

    expect((await call(reportHandler, blind, "revenue", { report: "revenue" })).status).toBe(403);
    const bad = await call(reportHandler, read, "revenue?from=2026-13", { report: "revenue" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual([{ field: "from", message: "from must be a month like 2026-11." }]);
    expect((await call(reportHandler, read, "ageing?asOf=2026-02-30", { report: "ageing" })).json.error.fields[0].field).toBe("asOf");
    expect((await call(reportHandler, read, "nope", { report: "nope" })).status).toBe(404);

    const deal = await books.deal({ customerId: customer.id, title: "Unbilled", amount: "75.00" });
    const body = { dealId: deal.id, kind: "no_invoice", reason: "Billed by hand" };
    expect((await call(dismissLeakageHandler, read, "leakage/dismiss", {}, body)).status).toBe(403);
    expect((await call(dismissLeakageHandler, blind, "leakage/dismiss", {}, body)).status).toBe(403);
    expect((await call(dismissLeakageHandler, write, "leakage/dismiss", {}, { ...body, reason: "" })).json.error.fields[0].field).toBe("reason");
    expect((await call(dismissLeakageHandler, write, "leakage/dismiss", {}, body)).status).toBe(200);
    expect((await call(reportHandler, read, "leakage", { report: "leakage" })).json.data).toEqual({ rows: [], totals: [] });
  });
});
