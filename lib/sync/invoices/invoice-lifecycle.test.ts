import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { deals, syncItems, syncLog } from "@/db/schema";
import { listInvoicesAfter } from "@/lib/billing/invoice-queries";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { requestInvoice } from "@/lib/billing/request-invoice";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal, deleteDeal, moveDealToStage, updateDeal } from "@/lib/crm/deals";
import { listStages } from "@/lib/crm/pipeline-stages";
import { customerInput, dealInput, dealPatch } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { holdXeroAnswer } from "@/test/hold-xero-answer";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { drainOutbox } from "../drain-outbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

type Status = "DRAFT" | "AUTHORISED";
const settingsWith = (status: Status) => ({ invoiceOnWin: true, triggerStageId: null, status, sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });

/** A connected organisation after its first import whose customer reached Xero, invoicing won deals as `status`. */
async function invoicingOrg(status: Status = "DRAFT") {
  const db = getDb();
  const sync = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  await pullResources(db, sync.orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
  const actor = actorFromContext(sync.ctx);
  await saveInvoiceSettings(db, sync.orgId, settingsWith(status));
  const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `Cycle Co ${Math.random().toString(36).slice(2, 7)}`, email: "ap@cycle.test" }));
  await drain(sync.orgId);
  const stages = await listStages(db, sync.orgId);
  const won = stages.find((s) => s.kind === "won")!;
  const lead = stages.find((s) => s.kind === "open")!;
  const newDeal = (title: string) => createDeal(db, actor, parseInput(dealInput, { title, customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
  return { db, ...sync, actor, customer, won, lead, newDeal };
}

async function drain(orgId: string) {
  const db = getDb();
  for (let i = 0; i < 30; i++) {
    const outcome = await drainOutbox(db, orgId, "push");
    if (outcome.kind === "done" || outcome.kind === "paused") return outcome;
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
  }
  throw new Error("did not drain");
}

const invoicesFor = (tenantId: string, dealId: string) => [...sandbox.sandbox.org(tenantId)!.invoices.values()].filter((i) => i.Reference?.includes(`[lb:${dealId}]`));
const pullInvoices = (orgId: string) => pullResources(getDb(), orgId, ["invoices"], { mode: "incremental", trigger: "webhook" });
const linkOf = async (dealId: string) => (await getDb().select({ id: deals.xeroInvoiceId }).from(deals).where(eq(deals.id, dealId)))[0]?.id ?? null;

describe("a voided or deleted invoice no longer blocks its deal", () => {
  it("approve, void in Xero, re-invoice: a second invoice, both listed for the deal", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await invoicingOrg();
    const deal = await newDeal("Redo");
    await drain(orgId);
    const [first] = invoicesFor(tenantId, deal.id);
    sandbox.control.approveInvoice(tenantId, first.InvoiceID);
    sandbox.control.voidInvoice(tenantId, first.InvoiceID);
    await pullInvoices(orgId);
    expect(await linkOf(deal.id)).toBeNull();
    const asked = await requestInvoice(db, actor, deal.id);
    expect(asked).toEqual({ queued: true, invoice: null });
    await drain(orgId);
    const inXero = invoicesFor(tenantId, deal.id);
    expect(inXero.map((i) => i.Status).sort()).toEqual(["DRAFT", "VOIDED"]);
    const second = inXero.find((i) => i.Status === "DRAFT")!;
    expect(await linkOf(deal.id)).toBe(second.InvoiceID);
    const listed = await listInvoicesAfter(db, orgId, { dealId: deal.id, limit: 50 });
    expect(listed.data.map((i) => i.xeroInvoiceId).sort()).toEqual([first.InvoiceID, second.InvoiceID].sort());
  });

  it("a deal still linked to a voided invoice (mirrored before links were let go) is re-invoiced, the link replaced", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await invoicingOrg();
    const deal = await newDeal("Legacy link");
    await drain(orgId);
    const [first] = invoicesFor(tenantId, deal.id);
    sandbox.control.approveInvoice(tenantId, first.InvoiceID);
    sandbox.control.voidInvoice(tenantId, first.InvoiceID);
    await pullInvoices(orgId);
    await db.update(deals).set({ xeroInvoiceId: first.InvoiceID }).where(eq(deals.id, deal.id));
    expect(await requestInvoice(db, actor, deal.id)).toEqual({ queued: true, invoice: null });
    await drain(orgId);
    const inXero = invoicesFor(tenantId, deal.id);
    expect(inXero).toHaveLength(2);
    expect(await linkOf(deal.id)).toBe(inXero.find((i) => i.Status === "DRAFT")!.InvoiceID);
    // A live invoice still answers "Create invoice" with itself.
    expect(await requestInvoice(db, actor, deal.id)).toMatchObject({ queued: false, invoice: { status: "DRAFT" } });
  });
});

describe("a deal edit keeps its invoice's status", () => {
  it("a SUBMITTED invoice is not sent back to DRAFT, and a DRAFT is not approved once the setting says AUTHORISED", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await invoicingOrg();
    const submitted = await newDeal("Awaiting approval");
    const draft = await newDeal("Still a draft");
    await drain(orgId);
    const [sub] = invoicesFor(tenantId, submitted.id);
    sandbox.sandbox.org(tenantId)!.invoices.get(sub.InvoiceID)!.Status = "SUBMITTED";
    await saveInvoiceSettings(db, orgId, settingsWith("AUTHORISED"));
    for (const deal of [submitted, draft]) await updateDeal(db, actor, deal.id, parseInput(dealPatch, { lines: [{ description: "Work", quantity: 2, unitPrice: 100 }] }));
    await drain(orgId);
    expect(invoicesFor(tenantId, submitted.id)[0]).toMatchObject({ Status: "SUBMITTED" });
    expect(invoicesFor(tenantId, submitted.id)[0].LineItems[0].Quantity).toBe(2);
    expect(invoicesFor(tenantId, draft.id)[0]).toMatchObject({ Status: "DRAFT" });
    expect(invoicesFor(tenantId, draft.id)[0].LineItems[0].Quantity).toBe(2);
  });
});

describe("a deal that leaves Won while its invoice is being made leaves no orphan", () => {
  it("moved back to a lead mid-create: the draft is deleted in Xero and the deal keeps no link", async () => {
    const { db, orgId, tenantId, actor, lead, newDeal } = await invoicingOrg();
    const deal = await newDeal("Changed my mind");
    const hold = holdXeroAnswer({ method: "POST", path: /\/Invoices$/ });
    const draining = drain(orgId);
    await hold.held;
    await moveDealToStage(db, actor, deal.id, lead.id);
    hold.release();
    await draining;
    expect(invoicesFor(tenantId, deal.id).map((i) => i.Status)).toEqual(["DELETED"]);
    expect(await linkOf(deal.id)).toBeNull();
    const [logged] = await db.select().from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.recordId, deal.id), eq(syncLog.operation, "delete")));
    expect(logged.message).toMatch(/left the invoicing stage/);
  });

  it("deleted mid-create with approved invoices: the invoice is voided in Xero", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await invoicingOrg("AUTHORISED");
    const deal = await newDeal("Deleted meanwhile");
    const hold = holdXeroAnswer({ method: "POST", path: /\/Invoices$/ });
    const draining = drain(orgId);
    await hold.held;
    await deleteDeal(db, actor, deal.id);
    hold.release();
    await draining;
    expect(invoicesFor(tenantId, deal.id).map((i) => i.Status)).toEqual(["VOIDED"]);
  });
});
