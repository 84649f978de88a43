import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { deals, syncLog } from "@/db/schema";
import { listInvoicesAfter } from "@/lib/billing/invoice-queries";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { requestInvoice } from "@/lib/billing/request-invoice";
import { deleteDeal, moveDealToStage, updateDeal } from "@/lib/crm/deals";
import { dealPatch } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { holdXeroAnswer } from "@/test/hold-xero-answer";
import { drainAll, invoicesFor, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { pullResources } from "../pull/pull-resources";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

const orgInvoicing = (status?: "DRAFT" | "AUTHORISED") => invoicingOrg(sandbox, { status, customerName: "Cycle Co" });




const pullInvoices = (orgId: string) => pullResources(getDb(), orgId, ["invoices"], { mode: "incremental", trigger: "webhook" });
const linkOf = async (dealId: string) => (await getDb().select({ id: deals.xeroInvoiceId }).from(deals).where(eq(deals.id, dealId)))[0]?.id ?? null;

describe("a voided or deleted invoice no longer blocks its deal", () => {
  it("approve, void in Xero, re-invoice: a second invoice, both listed for the deal", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await orgInvoicing();
    const deal = await newDeal("Redo");
    await drainAll(orgId);
    const [first] = invoicesFor(sandbox, tenantId, deal.id);
    sandbox.control.approveInvoice(tenantId, first.InvoiceID);
    sandbox.control.voidInvoice(tenantId, first.InvoiceID);
    await pullInvoices(orgId);
    expect(await linkOf(deal.id)).toBeNull();
    const asked = await requestInvoice(db, actor, deal.id);
    expect(asked).toEqual({ queued: true, invoice: null });
    await drainAll(orgId);
    const inXero = invoicesFor(sandbox, tenantId, deal.id);
    expect(inXero.map((i) => i.Status).sort()).toEqual(["DRAFT", "VOIDED"]);
    const second = inXero.find((i) => i.Status === "DRAFT")!;
    expect(await linkOf(deal.id)).toBe(second.InvoiceID);
    const listed = await listInvoicesAfter(db, orgId, { dealId: deal.id, limit: 50 });
    expect(listed.data.map((i) => i.xeroInvoiceId).sort()).toEqual([first.InvoiceID, second.InvoiceID].sort());
  });

  it("a deal still linked to a voided invoice (mirrored before links were let go) is re-invoiced, the link replaced", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await orgInvoicing();
    const deal = await newDeal("Legacy link");
    await drainAll(orgId);
    const [first] = invoicesFor(sandbox, tenantId, deal.id);
    sandbox.control.approveInvoice(tenantId, first.InvoiceID);
    sandbox.control.voidInvoice(tenantId, first.InvoiceID);
    await pullInvoices(orgId);
    await db.update(deals).set({ xeroInvoiceId: first.InvoiceID }).where(eq(deals.id, deal.id));
    expect(await requestInvoice(db, actor, deal.id)).toEqual({ queued: true, invoice: null });
    await drainAll(orgId);
    const inXero = invoicesFor(sandbox, tenantId, deal.id);
    expect(inXero).toHaveLength(2);
    expect(await linkOf(deal.id)).toBe(inXero.find((i) => i.Status === "DRAFT")!.InvoiceID);
    // A live invoice still answers "Create invoice" with itself.
    expect(await requestInvoice(db, actor, deal.id)).toMatchObject({ queued: false, invoice: { status: "DRAFT" } });
  });
});

describe("a deal edit keeps its invoice's status", () => {
  it("a SUBMITTED invoice is not sent back to DRAFT, and a DRAFT is not approved once the setting says AUTHORISED", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await orgInvoicing();
    const submitted = await newDeal("Awaiting approval");
    const draft = await newDeal("Still a draft");
    await drainAll(orgId);
    const [sub] = invoicesFor(sandbox, tenantId, submitted.id);
    sandbox.sandbox.org(tenantId)!.invoices.get(sub.InvoiceID)!.Status = "SUBMITTED";
    await saveInvoiceSettings(db, orgId, { invoiceOnWin: true, triggerStageId: null, status: "AUTHORISED", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
    for (const deal of [submitted, draft]) await updateDeal(db, actor, deal.id, parseInput(dealPatch, { lines: [{ description: "Work", quantity: 2, unitPrice: 100 }] }));
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, submitted.id)[0]).toMatchObject({ Status: "SUBMITTED" });
    expect(invoicesFor(sandbox, tenantId, submitted.id)[0].LineItems[0].Quantity).toBe(2);
    expect(invoicesFor(sandbox, tenantId, draft.id)[0]).toMatchObject({ Status: "DRAFT" });
    expect(invoicesFor(sandbox, tenantId, draft.id)[0].LineItems[0].Quantity).toBe(2);
  });
});

describe("a deal that leaves Won while its invoice is being made leaves no orphan", () => {
  it("moved back to a lead mid-create: the draft is deleted in Xero and the deal keeps no link", async () => {
    const { db, orgId, tenantId, actor, open: lead, newDeal } = await orgInvoicing();
    const deal = await newDeal("Changed my mind");
    const hold = holdXeroAnswer({ method: "POST", path: /\/Invoices$/ });
    const draining = drainAll(orgId);
    await hold.held;
    await moveDealToStage(db, actor, deal.id, lead.id);
    hold.release();
    await draining;
    expect(invoicesFor(sandbox, tenantId, deal.id).map((i) => i.Status)).toEqual(["DELETED"]);
    expect(await linkOf(deal.id)).toBeNull();
    const [logged] = await db.select().from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.recordId, deal.id), eq(syncLog.operation, "delete")));
    expect(logged.message).toMatch(/left the invoicing stage/);
  });

  it("deleted mid-create with approved invoices: the invoice is voided in Xero", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await orgInvoicing("AUTHORISED");
    const deal = await newDeal("Deleted meanwhile");
    const hold = holdXeroAnswer({ method: "POST", path: /\/Invoices$/ });
    const draining = drainAll(orgId);
    await hold.held;
    await deleteDeal(db, actor, deal.id);
    hold.release();
    await draining;
    expect(invoicesFor(sandbox, tenantId, deal.id).map((i) => i.Status)).toEqual(["VOIDED"]);
  });
});
