import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, deals, syncItems } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer, deleteCustomer } from "@/lib/crm/customers";
import { deleteDeal, moveDealToStage } from "@/lib/crm/deals";
import { mergeCustomers } from "@/lib/crm/merge-customers";
import { customerInput } from "@/lib/crm/schemas";
import { pushCustomerBatch } from "@/lib/sync/contacts/push-contacts";
import { pushDealBatch } from "@/lib/sync/invoices/push-invoices";
import { pullResources } from "@/lib/sync/pull/pull-resources";
import { parseInput } from "@/lib/validation";
import { holdXeroAnswer } from "@/test/hold-xero-answer";
import { drainAll, invoicesFor, invoicingOrg, leasesLapse, syncRowsOf } from "@/test/sync-fixtures";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

const orgInvoicing = (status?: "DRAFT" | "AUTHORISED") => invoicingOrg(sandbox, { status, customerName: "Uncertain Co" });





const unsettled = async (orgId: string, entityId: string) => (await syncRowsOf(orgId, entityId)).filter((r) => r.status === "pending" || r.status === "in_flight" || r.status === "failed");

const liveInvoicesFor = (tenantId: string, dealId: string) => invoicesFor(sandbox, tenantId, dealId).filter((i) => i.Status !== "DELETED" && i.Status !== "VOIDED");
const contactsFor = (tenantId: string, customerId: string) => [...sandbox.sandbox.org(tenantId)!.contacts.values()].filter((c) => c.ContactNumber === customerId);

/** The deal's invoice POST lands in Xero but its answer is lost: the row goes back to pending, uncertain. */
async function lostInvoiceAnswer(db: ReturnType<typeof getDb>, orgId: string, tenantId: string, dealId: string) {
  sandbox.control.setFaults({ dropAfterWrite: 1 });
  expect((await pushDealBatch(db, orgId, "push")).kind).toBe("wait");
  expect(invoicesFor(sandbox, tenantId, dealId)).toHaveLength(1);
  expect((await syncRowsOf(orgId, dealId)).filter((r) => r.status === "pending").map((r) => r.uncertain)).toEqual([true]);
}

describe("a deal whose invoice may be in Xero is removed from Xero when it leaves the invoicing stage", () => {
  it.each(["DRAFT", "AUTHORISED"] as const)("deleted after a lost answer: its %s invoice is removed from Xero", async (status) => {
    const { db, orgId, tenantId, actor, newDeal } = await orgInvoicing(status);
    const deal = await newDeal("Lost then deleted");
    await lostInvoiceAnswer(db, orgId, tenantId, deal.id);
    await deleteDeal(db, actor, deal.id);
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    expect(liveInvoicesFor(tenantId, deal.id)).toEqual([]);
    expect(invoicesFor(sandbox, tenantId, deal.id)[0].Status).toBe(status === "DRAFT" ? "DELETED" : "VOIDED");
    expect(await unsettled(orgId, deal.id)).toEqual([]);
  });

  it("moved out of Won after a lost answer: the invoice is removed, the deal stays, and winning it again makes one invoice", async () => {
    const { db, orgId, tenantId, actor, won, open, newDeal } = await orgInvoicing();
    const deal = await newDeal("Lost then reopened");
    await lostInvoiceAnswer(db, orgId, tenantId, deal.id);
    await moveDealToStage(db, actor, deal.id, open.id);
    await drainAll(orgId);
    // The next pull must not link the invoice to the reopened deal either.
    await pullResources(db, orgId, ["invoices"], { mode: "incremental", trigger: "webhook" });
    expect(liveInvoicesFor(tenantId, deal.id)).toEqual([]);
    const [kept] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(kept.stageId).toBe(open.id);
    expect(kept.xeroInvoiceId).toBeNull();
    expect(await unsettled(orgId, deal.id)).toEqual([]);

    await moveDealToStage(db, actor, deal.id, won.id);
    await drainAll(orgId);
    expect(liveInvoicesFor(tenantId, deal.id)).toHaveLength(1);
    const [rewon] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(rewon.xeroInvoiceId).toBe(liveInvoicesFor(tenantId, deal.id)[0].InvoiceID);
  });

  it("deleted while its write is in flight, the answer dropped and the worker stood still: the invoice is removed", async () => {
    const { db, orgId, tenantId, actor, newDeal } = await orgInvoicing();
    const deal = await newDeal("Deleted in flight");
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    const hold = holdXeroAnswer({ method: "POST", path: /\/Invoices$/ });
    const worker = pushDealBatch(db, orgId, "push");
    await hold.held;
    await deleteDeal(db, actor, deal.id);
    await leasesLapse(orgId);
    await drainAll(orgId);
    hold.release();
    await worker;
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    expect(liveInvoicesFor(tenantId, deal.id)).toEqual([]);
    expect(await unsettled(orgId, deal.id)).toEqual([]);
  });

  it("a deal that never reached Xero leaves nothing behind when deleted (no lookup, no row)", async () => {
    const { db, orgId, actor, newDeal } = await orgInvoicing();
    const deal = await newDeal("Never sent");
    await deleteDeal(db, actor, deal.id);
    expect(await syncRowsOf(orgId, deal.id)).toEqual([]);
  });
});

describe("a customer whose contact may be in Xero is archived there when it is deleted or merged away", () => {
  /** The contact push straight (the drain holds customers back until a first import, which these organisations skip). */
  async function pushCustomers(db: ReturnType<typeof getDb>, orgId: string) {
    for (let i = 0; i < 10 && (await pushCustomerBatch(db, orgId, "push")).kind !== "idle"; i++) {
      await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
    }
  }

  async function lostContact() {
    const db = getDb();
    const sync = await connectedSyncOrg(db, sandbox);
    const actor = actorFromContext(sync.ctx);
    const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `Lost Contact ${Math.random().toString(36).slice(2, 7)}`, email: `ap-${Math.random().toString(36).slice(2, 7)}@lost.test` }));
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    expect((await pushCustomerBatch(db, sync.orgId, "push")).kind).toBe("wait");
    expect(contactsFor(sync.tenantId, customer.id)).toHaveLength(1);
    const [stored] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(stored.xeroContactId).toBeNull();
    return { db, ...sync, actor, customer };
  }

  it("deleted after a lost create: the contact is archived", async () => {
    const { db, orgId, tenantId, actor, customer } = await lostContact();
    await deleteCustomer(db, actor, customer.id);
    await pushCustomers(db, orgId);
    expect(contactsFor(tenantId, customer.id).map((c) => c.ContactStatus)).toEqual(["ARCHIVED"]);
    expect(await unsettled(orgId, customer.id)).toEqual([]);
  });

  it("merged away after a lost create: its contact is archived, the survivor's stays active", async () => {
    const { db, orgId, tenantId, actor, customer } = await lostContact();
    const survivor = await createCustomer(db, actor, parseInput(customerInput, { name: `Survivor ${Math.random().toString(36).slice(2, 7)}`, email: "ap@survivor.test" }));
    await mergeCustomers(db, actor, { survivorId: survivor.id, mergedIds: [customer.id], pick: {} });
    await pushCustomers(db, orgId);
    expect(contactsFor(tenantId, customer.id).map((c) => c.ContactStatus)).toEqual(["ARCHIVED"]);
    const [kept] = await db.select().from(customers).where(eq(customers.id, survivor.id));
    expect(kept.xeroContactId).not.toBeNull();
    expect(sandbox.sandbox.org(tenantId)!.contacts.get(kept.xeroContactId!)?.ContactStatus).toBe("ACTIVE");
    expect(await unsettled(orgId, customer.id)).toEqual([]);
  });
});
