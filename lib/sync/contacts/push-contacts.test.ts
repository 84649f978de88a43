import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncItems, syncLog } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput, customerPatch } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { pushCustomerBatch } from "./push-contacts";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

const xeroContacts = (tenantId: string) => [...sandbox.sandbox.org(tenantId)!.contacts.values()];

describe("customers to Xero contacts", () => {
  it("creates contacts in one batch call, carrying our id as ContactNumber, and links them", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const actor = actorFromContext(ctx);
    const made = [];
    for (const name of ["Alpha Ltd", "Beta LLC", "Gamma Inc"]) made.push(await createCustomer(db, actor, parseInput(customerInput, { name, email: `ap@${name.split(" ")[0].toLowerCase()}.test`, phone: "555 0100", country: "GB", city: "Leeds" })));
    const before = sandbox.control.requests({ pathPrefix: "/api.xro/2.0/Contacts" }).length;
    const outcome = await pushCustomerBatch(db, orgId, "push");
    expect(outcome).toEqual({ kind: "progress", sent: 3, failed: 0 });
    expect(sandbox.control.requests({ pathPrefix: "/api.xro/2.0/Contacts" }).length - before).toBe(1);
    const inXero = xeroContacts(tenantId);
    for (const c of made) {
      const x = inXero.find((k) => k.ContactNumber === c.id);
      expect(x).toMatchObject({ Name: c.name, EmailAddress: c.email });
      const [linked] = await db.select().from(customers).where(eq(customers.id, c.id));
      expect(linked.xeroContactId).toBe(x!.ContactID);
    }
    const rows = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "customer")));
    expect(rows.map((r) => r.status)).toEqual(["synced", "synced", "synced"]);
    const logged = await db.select().from(syncLog).where(eq(syncLog.orgId, orgId));
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatchObject({ direction: "push", operation: "create", result: "ok" });
    expect(logged[0].correlationId).toMatch(/[0-9a-f-]{36}/);
    expect(await pushCustomerBatch(db, orgId, "push")).toEqual({ kind: "idle" });
  });
});

async function makeCustomers(orgId: string, ctx: Awaited<ReturnType<typeof connectedSyncOrg>>["ctx"], n: number, prefix: string) {
  const db = getDb();
  const actor = actorFromContext(ctx);
  const out = [];
  for (let i = 0; i < n; i++) out.push(await createCustomer(db, actor, parseInput(customerInput, { name: `${prefix} ${i}`, email: `${prefix.toLowerCase().replace(/\W/g, "")}${i}@example.test` })));
  return out;
}

/** Time passing for rows that wait out a back-off. */
const dueNow = (orgId: string) => getDb().update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));

async function drain(orgId: string, sleep = true) {
  const db = getDb();
  for (let round = 0; round < 50; round++) {
    const outcome = await pushCustomerBatch(db, orgId, "push");
    if (outcome.kind === "idle" || outcome.kind === "paused") return outcome;
    if (outcome.kind === "wait") {
      if (sleep && outcome.reason.includes("limit")) await new Promise((r) => setTimeout(r, outcome.seconds * 1000));
      else await dueNow(orgId);
    }
  }
  throw new Error("the outbox did not drain");
}

const countByNumber = (tenantId: string, customerIds: string[]) => customerIds.map((id) => xeroContacts(tenantId).filter((c) => c.ContactNumber === id).length);

describe("customer push under Xero's faults: zero duplicates, zero lost", () => {
  it("an answer dropped after Xero committed: the retry finds the contacts by ContactNumber and creates none again", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const made = await makeCustomers(orgId, ctx, 4, "Dropped Co");
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    const first = await pushCustomerBatch(db, orgId, "push");
    expect(first.kind).toBe("wait");
    const pending = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
    expect(pending.map((r) => [r.uncertain, r.lastErrorCode])).toEqual(made.map(() => [true, "xero_unavailable"]));
    expect(countByNumber(tenantId, made.map((c) => c.id))).toEqual([1, 1, 1, 1]);
    await dueNow(orgId);
    await drain(orgId);
    expect(countByNumber(tenantId, made.map((c) => c.id))).toEqual([1, 1, 1, 1]);
    const linked = await db.select().from(customers).where(eq(customers.orgId, orgId));
    expect(linked.every((c) => c.xeroContactId)).toBe(true);
  });

  it("a 429 storm: the job waits Retry-After, not counted as attempts, and every record arrives", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const made = await makeCustomers(orgId, ctx, 120, "Storm Co");
    sandbox.control.setFaults({ force429: { count: 3, problem: "minute" } });
    const first = await pushCustomerBatch(db, orgId, "push");
    expect(first).toMatchObject({ kind: "wait", seconds: 2 });
    await drain(orgId);
    expect(countByNumber(tenantId, made.map((c) => c.id))).toEqual(made.map(() => 1));
    const rows = await db.select().from(syncItems).where(eq(syncItems.orgId, orgId));
    expect(rows.every((r) => r.status === "synced" && r.attempts === 1)).toBe(true);
  });

  it("5xx answers come back uncertain and retry to exactly one contact each", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const made = await makeCustomers(orgId, ctx, 3, "Flaky Co");
    sandbox.control.setFaults({ failNext: { count: 2, status: 503 } });
    await drain(orgId, false);
    expect(countByNumber(tenantId, made.map((c) => c.id))).toEqual([1, 1, 1]);
  });

  it("five workers pushing one organisation at once send each customer exactly once", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const made = await makeCustomers(orgId, ctx, 260, "Crowd Co");
    await Promise.all(Array.from({ length: 5 }, () => drain(orgId)));
    expect(countByNumber(tenantId, made.map((c) => c.id))).toEqual(made.map(() => 1));
    const writes = sandbox.control.requests({ tenantId }).filter((r) => r.method === "POST" && r.path.endsWith("/Contacts"));
    expect(writes.length).toBe(Math.ceil(260 / 50));
  });

  it("a token revoked mid-sync pauses the organisation; re-authorising resumes with nothing lost or doubled", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const made = await makeCustomers(orgId, ctx, 70, "Revoked Co");
    expect(await pushCustomerBatch(db, orgId, "push")).toMatchObject({ kind: "progress", sent: 50 });
    sandbox.control.revokeApp("ledgerbridge-sandbox");
    expect(await pushCustomerBatch(db, orgId, "push")).toMatchObject({ kind: "paused" });
    const waiting = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "pending")));
    expect(waiting).toHaveLength(20);
    const { connectThroughSandbox } = await import("@/test/xero-app-sandbox");
    await connectThroughSandbox(db, ctx, tenantId);
    await drain(orgId);
    expect(countByNumber(tenantId, made.map((c) => c.id))).toEqual(made.map(() => 1));
  });

  it("a name Xero already has links when the email matches (keeping every field of the accountant's), and goes to review when it does not", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const org = sandbox.sandbox.org(tenantId)!;
    // The accountant's contact, made after the import: phone, a street and a distinct postal address, tax number.
    const yoga = org.contacts.put({
      ContactID: crypto.randomUUID(),
      ContactStatus: "ACTIVE",
      Name: "Golden Gate Yoga",
      EmailAddress: "Hello@GoldenGateYoga.test",
      ContactNumber: "GGY-001",
      TaxNumber: "94-1234567",
      Addresses: [
        { AddressType: "STREET", AddressLine1: "12 Lakeshore Ave", City: "Oakland", Region: "CA", PostalCode: "94612", Country: "US" },
        { AddressType: "POBOX", AddressLine1: "PO Box 881", City: "Oakland", Region: "CA", PostalCode: "94604", Country: "US" },
      ],
      Phones: [{ PhoneType: "DEFAULT", PhoneNumber: "510 555 0142" }],
      UpdatedDateUTC: Date.now(),
    });
    const other = org.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Other Email Ltd", EmailAddress: "x@other.test", Addresses: [], Phones: [], UpdatedDateUTC: Date.now() });
    const actor = actorFromContext(ctx);
    // A sales rep's customer: the name (in lower case) and the email, nothing else.
    const same = await createCustomer(db, actor, parseInput(customerInput, { name: "golden gate yoga", email: "hello@goldengateyoga.test" }));
    const diff = await createCustomer(db, actor, parseInput(customerInput, { name: "Other Email Ltd", email: "ap@other.test" }));
    await drain(orgId);
    expect(xeroContacts(tenantId).filter((c) => c.Name.toLowerCase() === "golden gate yoga")).toHaveLength(1);
    const [linked] = await db.select().from(customers).where(eq(customers.id, same.id));
    expect(linked.xeroContactId).toBe(yoga.ContactID);
    const after = org.contacts.get(yoga.ContactID)!;
    expect(after).toMatchObject({ Name: "Golden Gate Yoga", ContactNumber: "GGY-001", TaxNumber: "94-1234567", Phones: [expect.objectContaining({ PhoneNumber: "510 555 0142" })] });
    expect(after.Addresses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AddressType: "STREET", AddressLine1: "12 Lakeshore Ave", City: "Oakland", PostalCode: "94612" }),
        expect.objectContaining({ AddressType: "POBOX", AddressLine1: "PO Box 881", PostalCode: "94604" }),
      ]),
    );
    // The customer has them too (the street address is the one the CRM keeps).
    expect(linked).toMatchObject({ name: "Golden Gate Yoga", phone: "510 555 0142", addressLine1: "12 Lakeshore Ave", city: "Oakland", region: "CA", postalCode: "94612", country: "US", taxNumber: "94-1234567" });
    const [failed] = await db.select().from(syncItems).where(and(eq(syncItems.entityId, diff.id), eq(syncItems.status, "failed")));
    expect(failed).toMatchObject({ lastErrorCode: "duplicate_contact", lastXeroMessage: expect.stringContaining("is already assigned to another contact") });
    expect(failed.lastErrorMessage).toMatch(/Sync -> Review/);
    const { syncReviews } = await import("@/db/schema");
    const [review] = await db.select().from(syncReviews).where(eq(syncReviews.customerId, diff.id));
    expect(review).toMatchObject({ status: "open", xeroContactId: other.ContactID });
  });

  it("a linked customer with a value Xero lacks sends that value, and nothing else", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const org = sandbox.sandbox.org(tenantId)!;
    const existing = org.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Same Email Ltd", EmailAddress: "AP@same.test", TaxNumber: "GB123", Addresses: [], Phones: [], UpdatedDateUTC: Date.now() });
    const same = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Same Email Ltd", email: "ap@same.test", phone: "111" }));
    await drain(orgId);
    expect(org.contacts.get(existing.ContactID)).toMatchObject({ ContactNumber: same.id, TaxNumber: "GB123", Phones: [expect.objectContaining({ PhoneNumber: "111" })] });
  });

  it("Xero's contact limit fails the row with the fix in our words", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    sandbox.control.setContactLimit(tenantId, 0);
    await makeCustomers(orgId, ctx, 1, "Limited Co");
    expect(await pushCustomerBatch(db, orgId, "push")).toMatchObject({ kind: "progress", failed: 1 });
    const [row] = await db.select().from(syncItems).where(eq(syncItems.orgId, orgId));
    expect(row).toMatchObject({ status: "failed", lastErrorCode: "contact_limit_reached" });
    expect(row.lastErrorMessage).toMatch(/contact limit/);
  });
});

describe("customers and contacts kept in step", () => {
  it("an edit in the portal reaches Xero; edits on both sides: the later change wins per field, and the log says what was overwritten", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const { updateCustomer } = await import("@/lib/crm/customers");
    const { pullResources } = await import("../pull/pull-resources");
    await pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" });
    const actor = actorFromContext(ctx);
    const c = await createCustomer(db, actor, parseInput(customerInput, { name: "Both Sides Ltd", email: "ap@both.test", phone: "100", city: "Leeds" }));
    await drain(orgId);
    const contactId = (await db.select().from(customers).where(eq(customers.id, c.id)))[0].xeroContactId!;

    await updateCustomer(db, actor, c.id, parseInput(customerPatch, { phone: "200" }));
    await drain(orgId);
    expect(sandbox.sandbox.org(tenantId)!.contacts.get(contactId)!.Phones.find((p) => p.PhoneType === "DEFAULT")!.PhoneNumber).toBe("200");

    // Now both sides change: the portal changes the city first, then Xero changes the city and the phone later.
    await updateCustomer(db, actor, c.id, parseInput(customerPatch, { city: "York" }));
    await new Promise((r) => setTimeout(r, 20));
    sandbox.control.editContact(tenantId, contactId, { phone: "300" });
    const xeroContact = sandbox.sandbox.org(tenantId)!.contacts.get(contactId)!;
    xeroContact.Addresses = xeroContact.Addresses.map((a) => ({ ...a, City: "Bath" }));
    xeroContact.UpdatedDateUTC = Date.now();
    await pullResources(db, orgId, ["contacts"], { mode: "incremental", trigger: "webhook" });
    const [after] = await db.select().from(customers).where(eq(customers.id, c.id));
    expect(after).toMatchObject({ phone: "300", city: "Bath" });
    const { syncLog } = await import("@/db/schema");
    const [conflict] = await db.select().from(syncLog).where(and(eq(syncLog.recordId, c.id), eq(syncLog.result, "conflict")));
    expect(conflict.message).toMatch(/city changed on both sides since the last sync: kept Xero's "Bath" \(the later change\), overwrote "York"/);
  });

  it("deleting a customer archives its Xero contact", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const { deleteCustomer } = await import("@/lib/crm/customers");
    const actor = actorFromContext(ctx);
    const c = await createCustomer(db, actor, parseInput(customerInput, { name: "Gone Soon Ltd" }));
    await drain(orgId);
    const contactId = (await db.select().from(customers).where(eq(customers.id, c.id)))[0].xeroContactId!;
    await deleteCustomer(db, actor, c.id);
    await drain(orgId);
    expect(sandbox.sandbox.org(tenantId)!.contacts.get(contactId)!.ContactStatus).toBe("ARCHIVED");
  });
});

describe("a rename that collides with another Xero contact's name", () => {
  it("fails the row with Xero's message and the fix, and the customer stays on its own contact", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const { updateCustomer } = await import("@/lib/crm/customers");
    const { syncReviews } = await import("@/db/schema");
    const actor = actorFromContext(ctx);
    const x = await createCustomer(db, actor, parseInput(customerInput, { name: "Acme Trading", email: "ap@acme.test" }));
    await drain(orgId);
    const c1 = (await db.select().from(customers).where(eq(customers.id, x.id)))[0].xeroContactId!;
    // The accountant's own duplicate: same email, the name sales is about to pick.
    const c2 = sandbox.sandbox.org(tenantId)!.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Acme Ltd", EmailAddress: "ap@acme.test", Addresses: [], Phones: [{ PhoneType: "DEFAULT", PhoneNumber: "999" }], UpdatedDateUTC: Date.now() } as never);
    await updateCustomer(db, actor, x.id, parseInput(customerPatch, { name: "Acme Ltd" }));
    await drain(orgId);
    const [after] = await db.select().from(customers).where(eq(customers.id, x.id));
    expect(after.xeroContactId).toBe(c1);
    const [failed] = await db.select().from(syncItems).where(and(eq(syncItems.entityId, x.id), eq(syncItems.status, "failed")));
    expect(failed).toMatchObject({ lastErrorCode: "duplicate_contact", lastXeroMessage: expect.stringContaining("is already assigned to another contact") });
    expect(failed.lastErrorMessage).toMatch(/rename/i);
    expect(failed.lastErrorMessage).not.toMatch(/Review/);
    const other = sandbox.sandbox.org(tenantId)!.contacts.get(c2.ContactID)!;
    expect(other).toMatchObject({ Name: "Acme Ltd", Phones: [expect.objectContaining({ PhoneNumber: "999" })] });
    expect(other.ContactNumber).toBeFalsy();
    expect(await db.select().from(syncReviews).where(eq(syncReviews.customerId, x.id))).toEqual([]);
    const [logged] = await db.select().from(syncLog).where(and(eq(syncLog.recordId, x.id), eq(syncLog.result, "failed")));
    expect(logged).toMatchObject({ operation: "update", message: expect.stringContaining("is already assigned to another contact") });
  });

  it("saving another contact for a linked customer never moves its link", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox);
    const { saveXeroContact } = await import("./link-customer");
    const x = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Linked Once Ltd" }));
    await drain(orgId);
    const c1 = (await db.select().from(customers).where(eq(customers.id, x.id)))[0].xeroContactId!;
    const elsewhere = crypto.randomUUID();
    await saveXeroContact(db, orgId, { contactID: elsewhere, name: "Somebody Else", contactStatus: "ACTIVE" as never }, { customerId: x.id, synced: null });
    expect((await db.select().from(customers).where(eq(customers.id, x.id)))[0].xeroContactId).toBe(c1);
    // Nor does the mirror claim the other contact for it: both halves of the link agree.
    const { xeroContacts: mirror } = await import("@/db/schema");
    const [saved] = await db.select().from(mirror).where(and(eq(mirror.orgId, orgId), eq(mirror.xeroContactId, elsewhere)));
    expect(saved.customerId).toBeNull();
    expect(xeroContacts(tenantId).find((c) => c.ContactID === c1)).toMatchObject({ Name: "Linked Once Ltd" });
  });
});
