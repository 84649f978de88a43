import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncReviews } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer, updateCustomer } from "@/lib/crm/customers";
import { customerInput, customerPatch } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { drainCustomers } from "@/test/sync-fixtures";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { pullResources } from "../pull/pull-resources";
import { resolveReview } from "../review/resolve-review";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

const phoneOf = (c: { Phones: { PhoneType: string; PhoneNumber?: string }[] }) => c.Phones.find((p) => p.PhoneType === "DEFAULT")?.PhoneNumber;

describe("a push sends only what changed since the last sync", () => {
  it("a Xero edit of the phone between pulls survives a CRM edit of the city, and reaches the CRM by the next pull; a field cleared in the CRM is cleared in Xero", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const actor = actorFromContext(ctx);
    await pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" });
    const c = await createCustomer(db, actor, parseInput(customerInput, { name: "Between Pulls Ltd", email: "ap@between.test", phone: "100", city: "Leeds", taxNumber: "GB999" }));
    await drainCustomers(orgId);
    const contactId = (await db.select().from(customers).where(eq(customers.id, c.id)))[0].xeroContactId!;

    // The accountant changes the phone in Xero; no pull runs before sales edits the city and clears the tax number.
    sandbox.control.editContact(tenantId, contactId, { phone: "555 0199" });
    await updateCustomer(db, actor, c.id, parseInput(customerPatch, { city: "York", taxNumber: null }));
    await drainCustomers(orgId);
    const inXero = sandbox.sandbox.org(tenantId)!.contacts.get(contactId)!;
    expect(phoneOf(inXero)).toBe("555 0199");
    expect(inXero.Addresses.find((a) => a.AddressType === "STREET")).toMatchObject({ City: "York" });
    expect(inXero.TaxNumber ?? "").toBe("");

    await pullResources(db, orgId, ["contacts"], { mode: "incremental", trigger: "schedule" });
    const [after] = await db.select().from(customers).where(eq(customers.id, c.id));
    expect(after).toMatchObject({ phone: "555 0199", city: "York", taxNumber: null });
  });

  it("a customer linked in Sync -> Review to the accountant's contact keeps that contact's fields", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const books = sandbox.sandbox.org(tenantId)!;
    const theirs = books.contacts.put({
      ContactID: crypto.randomUUID(),
      ContactStatus: "ACTIVE",
      Name: "Harbour Pilates",
      EmailAddress: "office@harbourpilates.test",
      TaxNumber: "94-7654321",
      Addresses: [{ AddressType: "STREET", AddressLine1: "3 Pier Rd", City: "Sausalito", Region: "CA", PostalCode: "94965", Country: "US" }, { AddressType: "POBOX", AddressLine1: "PO Box 12", City: "Sausalito", PostalCode: "94966", Country: "US" }],
      Phones: [{ PhoneType: "DEFAULT", PhoneNumber: "415 555 0110" }],
      UpdatedDateUTC: Date.now(),
    });
    // Another email: the push cannot tell, so a person decides.
    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Harbour Pilates", email: "sales-lead@harbourpilates.test" }));
    await drainCustomers(orgId);
    const [review] = await db.select().from(syncReviews).where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.customerId, customer.id), eq(syncReviews.status, "open")));
    await resolveReview(db, orgId, ctx.user.id, review.id, { action: "link", targetId: theirs.ContactID });
    await drainCustomers(orgId);
    const after = books.contacts.get(theirs.ContactID)!;
    expect(after).toMatchObject({ TaxNumber: "94-7654321" });
    expect(phoneOf(after)).toBe("415 555 0110");
    expect(after.Addresses.find((a) => a.AddressType === "STREET")).toMatchObject({ AddressLine1: "3 Pier Rd", City: "Sausalito" });
    expect(after.Addresses.find((a) => a.AddressType === "POBOX")).toMatchObject({ AddressLine1: "PO Box 12", PostalCode: "94966" });
    const [linked] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(linked).toMatchObject({ xeroContactId: theirs.ContactID, phone: "415 555 0110", addressLine1: "3 Pier Rd", taxNumber: "94-7654321" });
  });
});
