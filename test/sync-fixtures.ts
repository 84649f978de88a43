import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { syncItems } from "@/db/schema";
import { saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { listStages } from "@/lib/crm/pipeline-stages";
import { customerInput, dealInput } from "@/lib/crm/schemas";
import { pushCustomerBatch } from "@/lib/sync/contacts/push-contacts";
import { drainOutbox } from "@/lib/sync/drain-outbox";
import { ALL_RESOURCES, pullResources } from "@/lib/sync/pull/pull-resources";
import { parseInput } from "@/lib/validation";
import type { RunningSandbox } from "@/xero-sandbox";
import { connectedSyncOrg } from "./xero-app-sandbox";

/** Drains an organisation's outbox, making every waiting row due again between rounds (the back-offs pass at once). */
export async function drainAll(orgId: string, rounds = 30) {
  const db = getDb();
  for (let i = 0; i < rounds; i++) {
    const outcome = await drainOutbox(db, orgId, "push");
    if (outcome.kind === "done" || outcome.kind === "paused") return outcome;
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
  }
  throw new Error("did not drain");
}

/** Pushes the organisation's customers until none waits. */
export async function drainCustomers(orgId: string) {
  for (let i = 0; i < 20; i++) if ((await pushCustomerBatch(getDb(), orgId, "push")).kind === "idle") return;
  throw new Error("the outbox did not drain");
}

/**
 * A connected organisation after its first import, whose customer (`customerName` and a random
 * suffix) already reached Xero, invoicing won deals as `status` with account 200 and no tax.
 */
export async function invoicingOrg(sandbox: RunningSandbox, options: { status?: "DRAFT" | "AUTHORISED"; customerName: string }) {
  const db = getDb();
  const sync = await connectedSyncOrg(db, sandbox, { seed: "demo" });
  await pullResources(db, sync.orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
  const actor = actorFromContext(sync.ctx);
  await saveInvoiceSettings(db, sync.orgId, { invoiceOnWin: true, triggerStageId: null, status: options.status ?? "DRAFT", sendToCustomer: false, defaultSalesAccountCode: "200", defaultTaxType: "NONE", taxRules: [], paymentTermDays: null });
  const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `${options.customerName} ${Math.random().toString(36).slice(2, 7)}`, email: `ap@${options.customerName.toLowerCase().replace(/\W+/g, "-")}.test` }));
  await drainAll(sync.orgId);
  const stages = await listStages(db, sync.orgId);
  const won = stages.find((s) => s.kind === "won")!;
  const open = stages.find((s) => s.kind === "open")!;
  const newDeal = (title: string) => createDeal(db, actor, parseInput(dealInput, { title, customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
  return { db, ...sync, actor, customer, won, open, newDeal };
}

/** Xero's invoices that carry a deal's marker, in the sandbox. */
export const invoicesFor = (sandbox: RunningSandbox, tenantId: string, dealId: string) => [...sandbox.sandbox.org(tenantId)!.invoices.values()].filter((i) => i.Reference?.includes(`[lb:${dealId}]`));

/** Time passes beyond every lease of the organisation's rows in flight (their workers stalled or died). */
export const leasesLapse = (orgId: string) =>
  getDb()
    .update(syncItems)
    .set({ claimedUntil: new Date(Date.now() - 1000) })
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "in_flight")));

/** Every outbox row of one record. */
export const syncRowsOf = (orgId: string, entityId: string) =>
  getDb()
    .select()
    .from(syncItems)
    .where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, entityId)));
