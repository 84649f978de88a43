import { and, eq, isNotNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { syncItems, xeroInvoices, xeroRateLimits } from "@/db/schema";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { enqueueSync } from "@/lib/crm/outbox";
import { listStages } from "@/lib/crm/pipeline-stages";
import { customerInput, dealInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { holdXeroAnswer } from "@/test/hold-xero-answer";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { drainOutbox } from "../drain-outbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { listSyncErrors } from "../status/error-log";
import { getSyncStatus } from "../status/sync-status";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

/** A connected organisation after its first import, invoicing won deals as AUTHORISED with "Send to customer" on. */
async function sendingOrg(customerEmail: string | null = "ap@mailed.test") {
  const db = getDb();
  const sync = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  await pullResources(db, sync.orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
  const actor = actorFromContext(sync.ctx);
  await saveInvoiceSettings(db, sync.orgId, { invoiceOnWin: true, triggerStageId: null, status: "AUTHORISED", sendToCustomer: true, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
  const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `Mailed Ltd ${Math.random().toString(36).slice(2, 7)}`, ...(customerEmail ? { email: customerEmail } : {}) }));
  await drain(sync.orgId); // the customer reaches Xero first
  const won = (await listStages(db, sync.orgId)).find((s) => s.kind === "won")!;
  const newDeal = (title: string) => createDeal(db, actor, parseInput(dealInput, { title, customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
  return { db, ...sync, actor, customer, newDeal };
}

/**
 * Drains as the push job would, where a "wait" is slept: Xero's minute window turns (the sandbox's
 * counts start again) and so does ours (the pause learnt from Xero's 429 is over).
 */
let waits = 0;
async function drain(orgId: string) {
  const db = getDb();
  for (let i = 0; i < 60; i++) {
    const outcome = await drainOutbox(db, orgId, "push");
    if (outcome.kind === "done" || outcome.kind === "paused") return outcome;
    if (outcome.kind === "wait") {
      waits++;
      sandbox.sandbox.limiter.reset();
    }
    await db.update(xeroRateLimits).set({ blockedUntil: null });
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
  }
  throw new Error("did not drain");
}

const invoicesOf = (tenantId: string) => [...sandbox.sandbox.org(tenantId)!.invoices.values()].filter((i) => i.Reference?.includes("[lb:"));
const timesEmailed = (inv: { History: { Changes: string }[] }) => inv.History.filter((h) => h.Changes === "Emailed").length;
const emailRows = (orgId: string) =>
  getDb()
    .select()
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "invoice_email")));

describe('"Send to customer" is outbox work', () => {
  it("100 won deals under Xero's 60-a-minute limit: every invoice is emailed exactly once, and a repeat sends nothing", async () => {
    const { db, orgId, tenantId, newDeal } = await sendingOrg();
    const made = [];
    for (let i = 0; i < 100; i++) made.push(await newDeal(`Import ${i}`));
    sandbox.control.setLimits({ perMinute: 60 });
    waits = 0;
    await drain(orgId);
    // 102 calls do not fit in Xero's minute: the push waited for the next one at least once.
    expect(waits).toBeGreaterThan(0);
    const invoices = invoicesOf(tenantId);
    expect(invoices).toHaveLength(100);
    expect(invoices.map(timesEmailed)).toEqual(invoices.map(() => 1));
    expect(invoices.every((i) => i.SentToContact)).toBe(true);
    const rows = await emailRows(orgId);
    expect(rows.filter((r) => r.status === "synced")).toHaveLength(100);
    // Asked again (a retry, a replayed event): an invoice already sent is not emailed a second time.
    await enqueueSync(db, orgId, "invoice_email", made[0].id, "upsert", null, "manual");
    await drain(orgId);
    expect(invoicesOf(tenantId).map(timesEmailed)).toEqual(invoices.map(() => 1));
    // Each shows Sent with the moment we saw it sent; a later pull of the same invoices keeps that moment.
    const sentAt = async () => (await db.select({ id: xeroInvoices.xeroInvoiceId, sentAt: xeroInvoices.sentAt }).from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), isNotNull(xeroInvoices.dealId)))).sort((a, b) => a.id.localeCompare(b.id));
    const first = await sentAt();
    expect(first).toHaveLength(100);
    expect(first.every((r) => r.sentAt)).toBe(true);
    await pullResources(db, orgId, ["invoices"], { mode: "full", trigger: "reconcile" });
    expect((await sentAt()).map((r) => r.sentAt!.getTime())).toEqual(first.map((r) => r.sentAt!.getTime()));
  }, 120_000);

  it("a 429 storm on the email endpoint: the job waits, and all are emailed after the wait, once each", async () => {
    const { orgId, tenantId, newDeal } = await sendingOrg();
    for (let i = 0; i < 3; i++) await newDeal(`Storm ${i}`);
    // The invoices are made; the email calls that follow meet a storm of 429s.
    const hold = holdXeroAnswer({ method: "POST", path: /\/Invoices$/ });
    const draining = drain(orgId);
    await hold.held;
    sandbox.control.setFaults({ force429: { count: 4, problem: "minute" } });
    hold.release();
    await draining;
    const invoices = invoicesOf(tenantId);
    expect(invoices).toHaveLength(3);
    expect(invoices.map(timesEmailed)).toEqual([1, 1, 1]);
    const rows = await emailRows(orgId);
    expect(rows.every((r) => r.status === "synced" && r.attempts === 1)).toBe(true);
  });

  it("a lost answer to an email is not sent twice: the retry reads the invoice first", async () => {
    const { orgId, tenantId, newDeal } = await sendingOrg();
    await newDeal("Dropped email");
    const hold = holdXeroAnswer({ method: "POST", path: /\/Invoices$/ });
    const draining = drain(orgId);
    await hold.held;
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    hold.release();
    await draining;
    const [invoice] = invoicesOf(tenantId);
    expect(timesEmailed(invoice)).toBe(1);
    expect((await emailRows(orgId)).filter((r) => r.status === "synced")).toHaveLength(1);
  });

  it("an email Xero refuses (the contact has no email address) is a failed row in the error log that names the fix", async () => {
    const { db, orgId, tenantId, ctx, newDeal } = await sendingOrg(null);
    const deal = await newDeal("No address");
    await drain(orgId);
    const [invoice] = invoicesOf(tenantId);
    expect(invoice).toMatchObject({ Status: "AUTHORISED", SentToContact: false });
    const { rows } = await listSyncErrors(db, ctx);
    const row = rows.find((r) => r.entityType === "invoice_email");
    expect(row).toMatchObject({ entityId: deal.id, recordName: "No address", href: `/o/${ctx.org.slug}/deals/${deal.id}`, xeroMessage: "The contact does not have an email address." });
    expect(row!.fix).toMatch(/email address/);
    expect(row!.fix).toMatch(/retry/i);
    const status = await getSyncStatus(db, orgId);
    expect(status.failed_syncs).toBe(1);
    expect(status.errors[0].type).toBe("invoice_sync");
  });
});
