import { and, eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, deals, syncItems, syncReviews } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer, updateCustomer } from "@/lib/crm/customers";
import { enqueueSync } from "@/lib/crm/outbox";
import { customerInput, customerPatch } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { holdXeroAnswer } from "@/test/hold-xero-answer";
import { drainAll, invoicesFor, invoicingOrg, leasesLapse, syncRowsOf } from "@/test/sync-fixtures";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { pushCustomerBatch } from "../contacts/push-contacts";
import { pushDealBatch } from "../invoices/push-invoices";
import { claimDueItems } from "./claim-items";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

const orgInvoicing = (status?: "DRAFT" | "AUTHORISED") => invoicingOrg(sandbox, { status, customerName: "Lapse Ltd" });





const contactsFor = (tenantId: string, customerId: string) => [...sandbox.sandbox.org(tenantId)!.contacts.values()].filter((c) => c.ContactNumber === customerId);
const postsTo = (tenantId: string, resource: string) => sandbox.control.requests({ tenantId }).filter((r) => r.method === "POST" && r.path.endsWith(`/${resource}`)).length;

/**
 * The worker that claimed the record's first row never finishes: it died before writing (nothing
 * reached Xero), or its write committed in Xero and it stood still before hearing (the answer dropped).
 */
const firstWorkers = {
  "died before writing": async (db: ReturnType<typeof getDb>, orgId: string, entity: "deal" | "customer") => {
    await claimDueItems(db, orgId, entity, 50);
    return () => undefined;
  },
  "wrote, the answer dropped, and it stood still": async (db: ReturnType<typeof getDb>, orgId: string, entity: "deal" | "customer") => {
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    const hold = holdXeroAnswer({ method: "POST", path: entity === "deal" ? /\/Invoices$/ : /\/Contacts$/ });
    const worker = (entity === "deal" ? pushDealBatch : pushCustomerBatch)(db, orgId, "push");
    await hold.held;
    return async () => {
      hold.release();
      await worker;
    };
  },
};

describe("a lease lapses while a newer row of the same record waits: one claim, one Xero record", () => {
  it.each(Object.keys(firstWorkers) as (keyof typeof firstWorkers)[])("a deal whose first worker %s gets exactly one invoice", async (how) => {
    const { db, orgId, tenantId, newDeal } = await orgInvoicing();
    const deal = await newDeal("Lapsed lease");
    const finish = await firstWorkers[how](db, orgId, "deal");
    // Meanwhile a person presses "Create invoice": the row in flight blocks nothing, so a second row queues.
    await enqueueSync(db, orgId, "deal", deal.id, "upsert", null, "manual");
    await leasesLapse(orgId);
    await drainAll(orgId);
    await finish();
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    const [stored] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(stored.xeroInvoiceId).toBe(invoicesFor(sandbox, tenantId, deal.id)[0].InvoiceID);
    const rows = await syncRowsOf(orgId, deal.id);
    expect(rows.filter((r) => r.status === "synced")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "pending" || r.status === "in_flight" || r.status === "failed")).toEqual([]);
  });

  it.each(Object.keys(firstWorkers) as (keyof typeof firstWorkers)[])("a customer whose first worker %s gets exactly one contact, no duplicate failure and no review of its own contact", async (how) => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const actor = actorFromContext(ctx);
    const customer = await createCustomer(db, actor, parseInput(customerInput, { name: `Twice Claimed ${Math.random().toString(36).slice(2, 7)}`, email: "ap@twice.test" }));
    const finish = await firstWorkers[how](db, orgId, "customer");
    await updateCustomer(db, actor, customer.id, parseInput(customerPatch, { phone: "555 0101" }));
    await leasesLapse(orgId);
    for (let i = 0; i < 10 && (await pushCustomerBatch(db, orgId, "push")).kind !== "idle"; i++);
    await finish();
    expect(contactsFor(tenantId, customer.id)).toHaveLength(1);
    const [linked] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(linked.xeroContactId).toBe(contactsFor(tenantId, customer.id)[0].ContactID);
    expect(contactsFor(tenantId, customer.id)[0].Phones).toContainEqual(expect.objectContaining({ PhoneNumber: "555 0101" }));
    const rows = await syncRowsOf(orgId, customer.id);
    expect(rows.filter((r) => r.status === "failed")).toEqual([]);
    expect(rows.filter((r) => r.status === "synced")).toHaveLength(1);
    expect(await db.select().from(syncReviews).where(eq(syncReviews.customerId, customer.id))).toEqual([]);
  });
});

describe("a worker that outlives its lease", () => {
  it("does not write once another worker claimed its rows", async () => {
    const { db, orgId, tenantId, newDeal } = await orgInvoicing();
    const deal = await newDeal("Slow lookup");
    // An earlier worker died with the row: the next one must look in Xero before creating.
    await claimDueItems(db, orgId, "deal", 50);
    await leasesLapse(orgId);
    // Worker A's lookup finds nothing, then A stalls (a slow Xero, a refresh, a paused process) past its lease.
    const hold = holdXeroAnswer({ method: "GET", path: /\/Invoices$/ });
    const workerA = pushDealBatch(db, orgId, "push");
    await hold.held;
    await leasesLapse(orgId);
    // Worker B takes the record over and invoices it.
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    hold.release();
    expect(await workerA).toEqual({ kind: "progress", sent: 0, failed: 0 });
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    expect(postsTo(tenantId, "Invoices")).toBe(1);
  });
});

describe("re-queueing keeps the uncertainty", () => {
  it("an uncertain row refused by the limiter while a newer row queued: the newer one still looks before creating", async () => {
    const { db, orgId, tenantId, newDeal } = await orgInvoicing();
    const deal = await newDeal("Lost then limited");
    // The first write lands but its answer is lost: the row goes back uncertain.
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    expect((await pushDealBatch(db, orgId, "push")).kind).toBe("wait");
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(syncItems.orgId, orgId));
    // The retry's lookup is refused with a 429; while it is on its way a person presses "Create invoice".
    sandbox.control.setFaults({ force429: { count: 1, problem: "minute" } });
    const hold = holdXeroAnswer({ method: "GET", path: /\/Invoices$/ });
    const retry = pushDealBatch(db, orgId, "push");
    await hold.held;
    await enqueueSync(db, orgId, "deal", deal.id, "upsert", null, "manual");
    hold.release();
    expect((await retry).kind).toBe("wait");
    const waiting = (await syncRowsOf(orgId, deal.id)).filter((r) => r.status === "pending");
    expect(waiting.map((r) => r.uncertain)).toEqual([true]);
    await new Promise((r) => setTimeout(r, 2_100)); // Retry-After: 2
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
    const ids = (await syncRowsOf(orgId, deal.id)).map((r) => r.id);
    expect(await db.select().from(syncItems).where(and(inArray(syncItems.id, ids), eq(syncItems.status, "failed")))).toEqual([]);
  });
});
