import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { listStages } from "@/lib/crm/pipeline-stages";
import { customerInput, dealInput } from "@/lib/crm/schemas";
import { drainOutbox } from "@/lib/sync/drain-outbox";
import { ALL_RESOURCES, pullResources } from "@/lib/sync/pull/pull-resources";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, liftXeroLimits, startSandboxForApp } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { createApiKey } from "./api-keys";
import { dealInvoiceHandler, listInvoicesHandler, listPaymentsHandler, syncStatusHandler } from "./v1-billing-handlers";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandboxForApp();
});
afterAll(() => sandbox.close());
beforeEach(() => liftXeroLimits(sandbox));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, key: string, url: string, method = "GET", params: Record<string, string> = {}, body?: unknown) {
  const res = await handler(new Request(`http://app.test${url}`, { method, headers: { authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  return { status: res.status, json: await res.json() };
}

describe("tenant API: invoices, payments, sync status, deal invoice", () => {
  it("lists the organisation's invoices with filters, payments, the guide's status fields, and invoices a deal once", async () => {
    const db = getDb();
    const { ctx, orgId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const key = (await createApiKey(db, { orgId, name: "k", scope: "write", canSeeAmounts: true, createdBy: ctx.user.id })).key;
    const blind = (await createApiKey(db, { orgId, name: "b", scope: "read", canSeeAmounts: false, createdBy: ctx.user.id })).key;

    const all = await call(listInvoicesHandler, key, "/api/v1/invoices?limit=100");
    expect(all.status).toBe(200);
    expect(all.json.data.length).toBe(100);
    expect(all.json.next_cursor).toBeTruthy();
    expect(Object.keys(all.json.data[0]).sort()).toEqual(["amountDue", "amountPaid", "currency", "customerId", "dealId", "displayStatus", "dueDate", "id", "number", "paidAt", "sentAt", "sentToContact", "status", "total", "updatedAt", "viewedAt", "xeroInvoiceId"].sort());
    // One status a person understands on each: a PAID one is Paid, a VOIDED one Voided, an approved one past due Overdue.
    for (const i of all.json.data as { status: string; displayStatus: string; dueDate: string | null; amountDue: string }[]) {
      if (i.status === "PAID") expect(i.displayStatus).toBe("Paid");
      if (i.status === "VOIDED" || i.status === "DELETED") expect(i.displayStatus).toBe("Voided");
      if (i.status === "AUTHORISED" && i.dueDate && i.dueDate < new Date().toISOString().slice(0, 10) && Number(i.amountDue) > 0) expect(i.displayStatus).toBe("Overdue");
    }
    expect(new Set((all.json.data as { displayStatus: string }[]).map((i) => i.displayStatus)).size).toBeGreaterThan(1);
    // A filter we do not know is refused, not ignored; a subscription's invoices are those its repeating invoice made (none yet).
    const unknownFilter = await call(listInvoicesHandler, key, "/api/v1/invoices?customer=abc&subscription_id=1");
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.json.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["customer", "subscription_id"]);
    const bySubscription = await call(listInvoicesHandler, key, `/api/v1/invoices?subscriptionId=${crypto.randomUUID()}`);
    expect(bySubscription.json.data).toEqual([]);
    const paid = await call(listInvoicesHandler, key, "/api/v1/invoices?status=PAID&limit=5");
    expect(paid.json.data.every((i: { status: string }) => i.status === "PAID")).toBe(true);
    const hidden = await call(listInvoicesHandler, blind, "/api/v1/invoices?limit=1");
    expect(hidden.json.data[0]).toMatchObject({ total: null, amountDue: null, amountPaid: null });
    const bad = await call(listInvoicesHandler, key, "/api/v1/invoices?status=OPEN&updatedSince=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["status", "updatedSince"]);
    // Year 0 and years past 9999 parse as ISO but no database holds them: a 400 naming the field, never a 500.
    for (const [handler, path] of [[listInvoicesHandler, "/api/v1/invoices"], [listPaymentsHandler, "/api/v1/payments"]] as const) {
      for (const since of ["0000-01-01T00:00:00Z", "%2B275760-09-13T00:00:00Z", "1899-12-31T23:59:59Z"]) {
        const odd = await call(handler, key, `${path}?updatedSince=${since}`);
        expect(odd.status).toBe(400);
        expect(odd.json.error.fields).toEqual([{ field: "updatedSince", message: expect.stringContaining("between 1900 and 9999") }]);
      }
    }
    expect((await call(listInvoicesHandler, key, "/api/v1/invoices?updatedSince=2026-01-01T00:00:00%2B13:00&limit=1")).status).toBe(200);

    const payments = await call(listPaymentsHandler, key, "/api/v1/payments?limit=3");
    expect(payments.json.data).toHaveLength(3);
    expect(payments.json.data[0]).toMatchObject({ invoiceId: expect.any(String), amount: expect.stringMatching(/^\d+\.\d{2}$/) });

    const status = await call(syncStatusHandler, key, "/api/v1/sync/status");
    expect(Object.keys(status.json).sort()).toEqual(["connected", "errors", "failed_syncs", "last_sync", "pending_syncs", "phase", "sync_status", "token_expires_at"]);
    expect(status.json).toMatchObject({ connected: true, sync_status: "healthy" });

    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "API Invoicee", email: "api@invoicee.test" }));
    const lead = (await listStages(db, orgId)).find((s) => s.kind === "open")!;
    const deal = await createDeal(db, actorFromContext(ctx), parseInput(dealInput, { title: "Invoice by API", customerId: customer.id, stageId: lead.id, lines: [{ description: "Work", quantity: 1, unitPrice: 500 }] }));
    const invoiceHandler = dealInvoiceHandler();
    // At Lead, before the invoicing stage: refused naming the stage until the caller confirms.
    const early = await call(invoiceHandler, key, `/api/v1/deals/${deal.id}/invoice`, "POST", { id: deal.id });
    expect(early).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining(`at ${lead.name}, before a Won stage`), fields: [{ field: "confirmStage" }] } } });
    expect((await call(invoiceHandler, key, `/api/v1/deals/${deal.id}/invoice`, "POST", { id: deal.id }, { confirmStage: "yes" })).status).toBe(400);
    const first = await call(invoiceHandler, key, `/api/v1/deals/${deal.id}/invoice`, "POST", { id: deal.id }, { confirmStage: true });
    expect(first).toMatchObject({ status: 202, json: { data: { status: "queued" } } });
    expect((await call(invoiceHandler, key, `/api/v1/deals/${deal.id}/invoice`, "POST", { id: deal.id }, { confirmStage: true })).status).toBe(202);
    for (let i = 0; i < 5 && (await drainOutbox(db, orgId, "manual")).kind !== "done"; i++);
    const answered = await call(invoiceHandler, key, `/api/v1/deals/${deal.id}/invoice`, "POST", { id: deal.id });
    expect(answered).toMatchObject({ status: 200, json: { data: { status: "invoiced", invoice: { number: expect.stringMatching(/^INV-/), status: "DRAFT" } } } });
    const forDeal = await call(listInvoicesHandler, key, `/api/v1/invoices?dealId=${deal.id}`);
    expect(forDeal.json.data).toHaveLength(1);
    expect(forDeal.json.data[0]).toMatchObject({ dealId: deal.id, customerId: customer.id, total: "500.00" });

    const stranger = await connectedSyncOrg(db, sandbox);
    const strangerKey = (await createApiKey(db, { orgId: stranger.orgId, name: "s", scope: "write", canSeeAmounts: true, createdBy: stranger.ctx.user.id })).key;
    expect((await call(invoiceHandler, strangerKey, `/api/v1/deals/${deal.id}/invoice`, "POST", { id: deal.id })).status).toBe(404);
    expect((await call(listInvoicesHandler, strangerKey, `/api/v1/invoices?dealId=${deal.id}`)).json.data).toEqual([]);
  });
});
