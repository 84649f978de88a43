import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncItems, syncLog } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer, deleteCustomer } from "@/lib/crm/customers";
import { mergeCustomers } from "@/lib/crm/merge-customers";
import { customerInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { holdXeroAnswer } from "@/test/hold-xero-answer";
import { drainCustomers } from "@/test/sync-fixtures";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { pushCustomerBatch } from "./push-contacts";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

/** The first push of the customers waiting, stopped after Xero made the contacts and before the app saw the answer. */
async function createInFlight(orgId: string) {
  const hold = holdXeroAnswer({ method: "POST", path: /\/Contacts$/ });
  const worker = pushCustomerBatch(getDb(), orgId, "push");
  await hold.held;
  return async () => {
    hold.release();
    return worker;
  };
}

const contactsNumbered = (tenantId: string, customerId: string) => [...sandbox.sandbox.org(tenantId)!.contacts.values()].filter((c) => c.ContactNumber === customerId);

describe("a customer deleted or merged while its first push is in flight leaves no orphan contact", () => {
  it("deleted: the batch settles (no foreign-key stall) and the contact just made is archived in Xero", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const actor = actorFromContext(ctx);
    const gone = await createCustomer(db, actor, parseInput(customerInput, { name: "Gone Midway Ltd", email: "ap@gone.test" }));
    const stays = await createCustomer(db, actor, parseInput(customerInput, { name: "Stays Ltd", email: "ap@stays.test" }));
    const release = await createInFlight(orgId);
    await deleteCustomer(db, actor, gone.id);
    expect(await release()).toMatchObject({ kind: "progress", sent: 2, failed: 0 });
    const [made] = contactsNumbered(tenantId, gone.id);
    expect(made.ContactStatus).toBe("ACTIVE");
    await drainCustomers(orgId);
    expect(contactsNumbered(tenantId, gone.id).map((c) => c.ContactStatus)).toEqual(["ARCHIVED"]);
    expect(contactsNumbered(tenantId, stays.id).map((c) => c.ContactStatus)).toEqual(["ACTIVE"]);
    expect((await db.select().from(customers).where(eq(customers.id, stays.id)))[0].xeroContactId).toBe(contactsNumbered(tenantId, stays.id)[0].ContactID);
    const rows = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityId, gone.id)));
    expect(rows.map((r) => [r.operation, r.status]).sort()).toEqual([["archive", "synced"], ["upsert", "synced"]]);
    const logged = await db.select().from(syncLog).where(and(eq(syncLog.recordId, gone.id), eq(syncLog.operation, "archive")));
    expect(logged.length).toBeGreaterThan(0);
  });

  it("merged away: the survivor keeps its own contact and the one made for the merged-away customer is archived", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const actor = actorFromContext(ctx);
    const survivor = await createCustomer(db, actor, parseInput(customerInput, { name: "Keeper Co", email: "ap@keeper.test" }));
    await drainCustomers(orgId);
    const survivorContact = (await db.select().from(customers).where(eq(customers.id, survivor.id)))[0].xeroContactId!;
    const twin = await createCustomer(db, actor, parseInput(customerInput, { name: "Keeper Company Two", email: "billing@keeper.test" }));
    const release = await createInFlight(orgId);
    await mergeCustomers(db, actor, { survivorId: survivor.id, mergedIds: [twin.id], pick: {} });
    expect(await release()).toMatchObject({ kind: "progress", failed: 0 });
    await drainCustomers(orgId);
    expect(contactsNumbered(tenantId, twin.id).map((c) => c.ContactStatus)).toEqual(["ARCHIVED"]);
    expect(sandbox.sandbox.org(tenantId)!.contacts.get(survivorContact)!.ContactStatus).toBe("ACTIVE");
    expect((await db.select().from(customers).where(eq(customers.id, survivor.id)))[0].xeroContactId).toBe(survivorContact);
  });
});
