import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncItems, xeroContacts } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer, updateCustomer } from "@/lib/crm/customers";
import { customerInput, customerPatch } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { findContactsByNumber } from "../xero-reads";
import { instant } from "../xero-values";
import { xeroContactValues } from "./contact-fields";
import { mergeIntoCustomer } from "./merge-into-customer";
import { pushCustomerBatch } from "./push-contacts";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

async function pushCustomers(orgId: string) {
  const db = getDb();
  for (let i = 0; i < 10 && (await pushCustomerBatch(db, orgId, "push")).kind !== "idle"; i++) {
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
  }
}

const phoneInXero = (tenantId: string, contactId: string) => sandbox.sandbox.org(tenantId)!.contacts.get(contactId)!.Phones.find((p) => p.PhoneType === "DEFAULT")?.PhoneNumber;

/** A linked customer, and a page of contacts read (with the loop's snapshot of customer and mirror) after the accountant changed its phone in Xero. */
async function pageReadAfterXeroEdit() {
  const db = getDb();
  const sync = await connectedSyncOrg(db, sandbox);
  const actor = actorFromContext(sync.ctx);
  const created = await createCustomer(db, actor, parseInput(customerInput, { name: `Fresh Read ${Math.random().toString(36).slice(2, 7)}`, email: "ap@fresh.test", phone: "555 0001" }));
  await pushCustomers(sync.orgId);
  const [customer] = await db.select().from(customers).where(eq(customers.id, created.id));
  const contactId = customer.xeroContactId!;
  await new Promise((r) => setTimeout(r, 20));
  sandbox.control.editContact(sync.tenantId, contactId, { phone: "555 0002" });
  const {
    contacts: [page],
  } = await findContactsByNumber(db, sync.orgId, [customer.id]);
  const [mirror] = await db.select().from(xeroContacts).where(and(eq(xeroContacts.orgId, sync.orgId), eq(xeroContacts.xeroContactId, contactId)));
  const incoming = { xeroContactId: contactId, values: xeroContactValues(page), updatedAt: instant(page.updatedDateUTC)!, synced: mirror.syncedValues };
  return { db, ...sync, actor, customer, contactId, incoming };
}

describe("a merge decides on the customer and mirror as they are when it runs, not as the page found them", () => {
  it("a CRM edit made after the page was read survives the merge and is pushed", async () => {
    const { db, orgId, tenantId, actor, customer, contactId, incoming } = await pageReadAfterXeroEdit();
    // While the page loop works through other contacts, sales sets the phone.
    await new Promise((r) => setTimeout(r, 20));
    await updateCustomer(db, actor, customer.id, parseInput(customerPatch, { phone: "555 0003" }));
    await mergeIntoCustomer(db, orgId, customer, incoming, "schedule");
    const [after] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(after.phone).toBe("555 0003");
    await pushCustomers(orgId);
    expect(phoneInXero(tenantId, contactId)).toBe("555 0003");
  });

  it("a copy older than the mirror's is not merged (the newer state is already applied)", async () => {
    const { db, orgId, tenantId, actor, customer, contactId, incoming } = await pageReadAfterXeroEdit();
    await new Promise((r) => setTimeout(r, 1100));
    await updateCustomer(db, actor, customer.id, parseInput(customerPatch, { phone: "555 0003" }));
    await pushCustomers(orgId);
    expect(phoneInXero(tenantId, contactId)).toBe("555 0003");
    const [mirrorBefore] = await db.select().from(xeroContacts).where(eq(xeroContacts.xeroContactId, contactId));
    const [fresh] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(await mergeIntoCustomer(db, orgId, fresh, incoming, "schedule")).toBeNull();
    const [after] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(after.phone).toBe("555 0003");
    const [mirrorAfter] = await db.select().from(xeroContacts).where(eq(xeroContacts.xeroContactId, contactId));
    expect(mirrorAfter.syncedValues).toEqual(mirrorBefore.syncedValues);
  });
});
