import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, xeroInvoices } from "@/db/schema";
import { createApiKey } from "@/lib/api/api-keys";
import { latestHealthCheckHandler, runHealthCheckHandler } from "@/lib/api/v1-health-handlers";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { createProduct } from "@/lib/crm/products";
import { customerInput, dealInput, productInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import { latestHealthCheck, runHealthCheck } from "./run-health-check";

const sandboxOf = sandboxForFile();

describe("the data health check", () => {
  it("finds failing records, won deals without an invoice, unmapped products, incomplete customers, and invoices that differ from a fresh read of Xero (one call); kept, announced, and served by the API", async () => {
    const sandbox = sandboxOf();
    const org = await invoicingOrg(sandbox, { customerName: "Health Co" });
    const { db, orgId, tenantId, actor, ctx, customer, won } = org;
    await saveInvoiceSettings(db, orgId, { invoiceOnWin: false, triggerStageId: null, status: "DRAFT", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Never invoiced", customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 250 }] }));
    const bad = await createProduct(db, actor, parseInput(productInput, { code: "HC-BAD", name: "Bad account", unitPrice: "1.00", salesAccountCode: "999" }));
    const bare = await createCustomer(db, actor, parseInput(customerInput, { name: "No Details Ltd" }));
    await drainAll(orgId);
    // Our copy of every approved invoice is a dollar off: each one the spot check reads must say so.
    await db.update(xeroInvoices).set({ total: sql`${xeroInvoices.total} + 1` }).where(and(eq(xeroInvoices.orgId, orgId), inArray(xeroInvoices.status, ["AUTHORISED", "PAID"])));
    const gets = () => sandbox.control.requests({ tenantId, pathPrefix: "/api.xro/2.0/Invoices" }).filter((r) => r.method === "GET").length;
    const before = gets();

    const report = await runHealthCheck(db, orgId, "portal");
    expect(gets() - before).toBe(1);
    expect(report.failingRecords).toEqual([expect.objectContaining({ syncType: "items", recordId: bad.id })]);
    expect(report.wonWithoutInvoice).toEqual([{ dealId: deal.id, title: "Never invoiced", amount: "250.00", currency: "USD" }]);
    expect(report.unmappedProducts.map((p) => p.code)).toContain("HC-BAD");
    expect(report.customersMissingDetails.find((c) => c.id === bare.id)).toEqual({ id: bare.id, name: "No Details Ltd", missing: ["email", "address"] });
    expect(report.spotChecks).toHaveLength(3);
    for (const s of report.spotChecks) {
      expect(s.matches).toBe(false);
      const total = s.differences.find((d) => d.field === "total")!;
      expect(Number(total.ours) - Number(total.xero)).toBeCloseTo(1, 10);
      expect(s.differences.map((d) => d.field)).toEqual(["total"]);
    }
    expect(await latestHealthCheck(db, orgId)).toMatchObject({ id: report.id, trigger: "portal", wonWithoutInvoice: report.wonWithoutInvoice });
    const [note] = await db.select().from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.kind, "health.check")));
    expect(note).toMatchObject({ title: "Data health check: 3 invoices differ from Xero", link: expect.stringMatching(/\/sync\/health$/) });

    // The tenant API: POST runs one (201), GET latest answers it; a key without amounts may not.
    const key = (await createApiKey(db, { orgId, name: "k", scope: "write", canSeeAmounts: true, createdBy: ctx.user.id })).key;
    const blind = (await createApiKey(db, { orgId, name: "b", scope: "write", canSeeAmounts: false, createdBy: ctx.user.id })).key;
    const call = async (handler: typeof runHealthCheckHandler, k: string, path: string, method: string) => {
      const res = await handler(new Request(`http://app.test${path}`, { method, headers: { authorization: `Bearer ${k}` } }), { params: Promise.resolve({}) });
      return { status: res.status, json: await res.json() };
    };
    const posted = await call(runHealthCheckHandler, key, "/api/v1/sync/health-checks", "POST");
    expect(posted.status).toBe(201);
    expect(Object.keys(posted.json.data).sort()).toEqual(["customersMissingDetails", "duplicates", "failingRecords", "id", "ranAt", "spotCheckNote", "spotChecks", "unmappedProducts", "wonWithoutInvoice"]);
    const latest = await call(latestHealthCheckHandler, key, "/api/v1/sync/health-checks/latest", "GET");
    expect(latest.json.data.id).toBe(posted.json.data.id);
    expect((await call(latestHealthCheckHandler, blind, "/api/v1/sync/health-checks/latest", "GET")).status).toBe(403);
  });
});
