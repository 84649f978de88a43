import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { deals, notifications, syncItems, syncLog, xeroInvoices } from "@/db/schema";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal, updateDeal } from "@/lib/crm/deals";
import { enqueueSync } from "@/lib/crm/outbox";
import { listStages } from "@/lib/crm/pipeline-stages";
import { createProduct, updateProduct } from "@/lib/crm/products";
import { customerInput, dealInput, dealPatch, productInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicesFor } from "@/test/sync-fixtures";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { drainOutbox } from "../drain-outbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { retryFailed } from "../retry-failed";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

/** A connected organisation after its first import, with a product mapped to the demo's AUDIT item and a Texan customer on 14-day terms. */
async function invoicingOrg(options: { pullReference?: boolean } = {}) {
  const db = getDb();
  const sync = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  await pullResources(db, sync.orgId, options.pullReference === false ? ["contacts"] : ALL_RESOURCES, { mode: "initial", trigger: "initial" });
  const actor = actorFromContext(sync.ctx);
  await saveInvoiceSettings(db, sync.orgId, { invoiceOnWin: true, triggerStageId: null, status: "DRAFT", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [{ country: "US", region: "TX", taxType: "TAX003" }], paymentTermDays: null });
  const product = await createProduct(db, actor, parseInput(productInput, { code: "SITE-AUDIT", name: "Site audit", unitPrice: 900, xeroItemCode: "AUDIT" }));
  const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `Texan Tacos ${Math.random().toString(36).slice(2, 7)}`, email: "ap@tacos.test", country: "US", region: "TX", paymentTermDays: 14 }));
  const won = (await listStages(db, sync.orgId)).find((s) => s.kind === "won")!;
  const lead = (await listStages(db, sync.orgId)).find((s) => s.kind === "open")!;
  return { db, ...sync, actor, product, customer, won, lead };
}

describe("won deals become Xero invoices", () => {
  it("with the mapped item, account, the customer's location tax, its payment terms, the currency, and Reference naming the deal", async () => {
    const { db, orgId, tenantId, actor, product, customer, won } = await invoicingOrg();
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Audit for the tacos", customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, quantity: 2 }, { description: "Travel", quantity: 1, unitPrice: 120.5 }] }));
    await drainAll(orgId);
    const [inXero] = invoicesFor(sandbox, tenantId, deal.id);
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    expect(inXero).toMatchObject({ Type: "ACCREC", Status: "DRAFT", CurrencyCode: "USD", Reference: `Audit for the tacos [lb:${deal.id}]` });
    expect(inXero.LineItems[0]).toMatchObject({ ItemCode: "AUDIT", AccountCode: "200", TaxType: "TAX003", Quantity: 2, UnitAmount: 900 });
    expect(inXero.LineItems[1]).toMatchObject({ Description: "Travel", AccountCode: "200", TaxType: "TAX003", UnitAmount: 120.5 });
    const days = (Date.parse(inXero.DueDate!) - Date.parse(inXero.Date)) / 86_400_000;
    expect(days).toBe(14);
    const contact = sandbox.sandbox.org(tenantId)!.contacts.get(inXero.ContactID)!;
    expect(contact.ContactNumber).toBe(customer.id);
    const [stored] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(stored.xeroInvoiceId).toBe(inXero.InvoiceID);
    const [mirrored] = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, inXero.InvoiceID)));
    expect(mirrored).toMatchObject({ dealId: deal.id, customerId: customer.id, number: inXero.InvoiceNumber, status: "DRAFT", total: inXero.Total.toFixed(2) });
    // The total goes in its own field, never into the free-text message (which has no amounts rule).
    const [logged] = await db.select().from(syncLog).where(and(eq(syncLog.orgId, orgId), eq(syncLog.recordId, deal.id), eq(syncLog.operation, "create")));
    expect(logged.message).toBe(`${inXero.InvoiceNumber} created (DRAFT).`);
    expect(logged.details).toEqual({ amount: { total: String(inXero.Total), currency: "USD" } });
  });

  it("an unsupported currency fails the row naming it, without a call; a bad account code fails, the mapping is fixed, and the retry succeeds", async () => {
    const { db, orgId, tenantId, actor, product, customer, won } = await invoicingOrg();
    const eur = await createDeal(db, actor, parseInput(dealInput, { title: "Euro deal", customerId: customer.id, stageId: won.id, currency: "EUR", lines: [{ description: "Work", quantity: 1, unitPrice: 10 }] }));
    await updateProduct(db, actor, product.id, { salesAccountCode: "999" });
    const bad = await createDeal(db, actor, parseInput(dealInput, { title: "Bad account", customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, quantity: 1 }] }));
    await drainAll(orgId);
    const rows = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "deal")));
    expect(rows.find((r) => r.entityId === eur.id)).toMatchObject({ status: "failed", lastErrorCode: "currency_not_enabled", lastErrorMessage: expect.stringContaining("currency EUR") });
    expect(rows.find((r) => r.entityId === bad.id)).toMatchObject({ status: "failed", lastErrorCode: "invalid_account_code", lastErrorMessage: expect.stringContaining("Account code '999'") });
    expect(invoicesFor(sandbox, tenantId, eur.id)).toHaveLength(0);
    await updateProduct(db, actor, product.id, { salesAccountCode: "200" });
    expect(await retryFailed(db, orgId, { recordIds: [bad.id] })).toBe(1);
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, bad.id)).toHaveLength(1);
  });

  it("Xero's own refusal (no mirrors to check against) keeps Xero's message beside ours", async () => {
    const { db, orgId, tenantId, actor, product, customer, won } = await invoicingOrg({ pullReference: false });
    await updateProduct(db, actor, product.id, { salesAccountCode: "999" });
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Refused by Xero", customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, quantity: 1 }] }));
    await saveInvoiceSettings(db, orgId, { invoiceOnWin: true, triggerStageId: null, status: "AUTHORISED", sendToCustomer: false, defaultSalesAccountCode: null, defaultTaxType: null, taxRules: [], paymentTermDays: null });
    await enqueueSync(db, orgId, "deal", deal.id, "upsert");
    await drainAll(orgId);
    const [row] = await db.select().from(syncItems).where(and(eq(syncItems.entityId, deal.id), eq(syncItems.status, "failed")));
    expect(row).toMatchObject({ lastErrorCode: "invalid_account_code", lastXeroMessage: "Account code '999' is not a valid code for this document." });
    expect(row.lastErrorMessage).toMatch(/Settings -> Invoicing/);
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(0);
  });

  it("never a second invoice: repeated requests, a lost answer, five workers", async () => {
    const { db, orgId, tenantId, actor, product, customer, won } = await invoicingOrg();
    await drainAll(orgId); // the customer reaches Xero first
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Once only", customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, quantity: 1 }] }));
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    expect((await drainOutbox(db, orgId, "push")).kind).toBe("wait");
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    // Meanwhile a person clicks "Create invoice" twice and the deal is saved again.
    await enqueueSync(db, orgId, "deal", deal.id, "upsert", null, "manual");
    await enqueueSync(db, orgId, "deal", deal.id, "upsert", null, "manual");
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(syncItems.orgId, orgId));
    await Promise.all(Array.from({ length: 5 }, () => drainAll(orgId)));
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    const [stored] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(stored.xeroInvoiceId).toBe(invoicesFor(sandbox, tenantId, deal.id)[0].InvoiceID);
  });

  it("a draft invoice follows the deal's edits; once approved in Xero, changes are refused with the credit-note advice", async () => {
    const { db, orgId, tenantId, actor, product, customer, won } = await invoicingOrg();
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Evolving", customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, quantity: 1 }] }));
    await drainAll(orgId);
    await updateDeal(db, actor, deal.id, parseInput(dealPatch, { lines: [{ productId: product.id, quantity: 3 }] }));
    await drainAll(orgId);
    const [inv] = invoicesFor(sandbox, tenantId, deal.id);
    expect(inv.LineItems[0].Quantity).toBe(3);
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    sandbox.control.approveInvoice(tenantId, inv.InvoiceID);
    await pullResources(db, orgId, ["invoices"], { mode: "incremental", trigger: "webhook" });
    await updateDeal(db, actor, deal.id, parseInput(dealPatch, { lines: [{ productId: product.id, quantity: 5 }] }));
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, deal.id)[0].LineItems[0].Quantity).toBe(3);
    const [row] = await db.select().from(syncItems).where(and(eq(syncItems.entityId, deal.id), eq(syncItems.status, "skipped"), eq(syncItems.lastErrorCode, "invoice_not_editable")));
    expect(row.lastErrorMessage).toMatch(/credit note/);
  });

  it("a payment recorded in Xero marks the invoice paid in the portal and tells the deal's owner", async () => {
    const { db, orgId, tenantId, actor, product, customer, won } = await invoicingOrg();
    await saveInvoiceSettings(db, orgId, { invoiceOnWin: true, triggerStageId: null, status: "AUTHORISED", sendToCustomer: true, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
    const deal = await createDeal(db, actor, parseInput(dealInput, { title: "Pay me", customerId: customer.id, stageId: won.id, lines: [{ productId: product.id, quantity: 1 }] }));
    await drainAll(orgId);
    const [inv] = invoicesFor(sandbox, tenantId, deal.id);
    expect(inv).toMatchObject({ Status: "AUTHORISED", SentToContact: true });
    // "Send to customer": Xero emailed it (its history says so), not just a flag.
    expect(inv.History.map((h) => h.Changes)).toContain("Emailed");
    sandbox.control.recordPayment(tenantId, inv.InvoiceID, {});
    await pullResources(db, orgId, ["invoices", "payments"], { mode: "incremental", trigger: "webhook" });
    const [mirrored] = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, inv.InvoiceID)));
    expect(mirrored).toMatchObject({ status: "PAID", amountDue: "0.00" });
    const told = await db.select().from(notifications).where(and(eq(notifications.userId, actor.userId!), eq(notifications.kind, "payment.received")));
    expect(told.map((n) => n.title)).toEqual([`Paid: ${inv.InvoiceNumber} for "Pay me"`]);
  });
});
