import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, syncCursors, syncReviews, xeroContacts, xeroInvoiceLines, xeroInvoices, xeroPayments, xeroTaxRates } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { drainOutbox } from "../drain-outbox";
import { getSyncStatus } from "../status/sync-status";
import { ALL_RESOURCES, failResource, pullResources } from "./pull-resources";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

describe("initial import on connect", () => {
  it("mirrors Xero's books, links CRM customers by email and name, creates the unmatched Xero customers, reviews the ambiguous, with one call per 1000 records", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const books = sandbox.sandbox.org(tenantId)!;
    // Two contacts sharing an email (ambiguous), and a contact with no invoices (not a customer).
    const now = Date.now();
    books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Twin One", EmailAddress: "twins@example.test", Addresses: [], Phones: [], UpdatedDateUTC: now });
    books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Twin Two", EmailAddress: "twins@example.test", Addresses: [], Phones: [], UpdatedDateUTC: now });
    books.contacts.put({ ContactID: crypto.randomUUID(), ContactStatus: "ACTIVE", Name: "Paper Supplies Ltd", EmailAddress: "sales@paper.test", Addresses: [], Phones: [], UpdatedDateUTC: now });
    const actor = actorFromContext(ctx);
    const byEmail = await createCustomer(db, actor, parseInput(customerInput, { name: "Bayside Dental (our spelling)", email: "ACCOUNTS@baysidedental.example", phone: "415 000" }));
    const byName = await createCustomer(db, actor, parseInput(customerInput, { name: "Hudson Legal", email: null }));
    const twin = await createCustomer(db, actor, parseInput(customerInput, { name: "Twins Inc", email: "twins@example.test" }));
    const crmOnly = await createCustomer(db, actor, parseInput(customerInput, { name: "Only In The CRM" }));

    const before = sandbox.control.requests({ tenantId }).length;
    const counts = await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const calls = sandbox.control.requests({ tenantId }).length - before;
    // One call per reference list, one page per paged resource (contacts, invoices, payments, credit notes, overpayments, prepayments).
    expect(calls).toBe(5 + 6);

    const xeroSales = [...books.invoices.values()].filter((i) => i.Type === "ACCREC");
    expect(counts).toMatchObject({ contacts: books.contacts.size, invoices: xeroSales.length });
    expect(await db.$count(xeroInvoices, eq(xeroInvoices.orgId, orgId))).toBe(xeroSales.length);
    expect(await db.$count(xeroInvoiceLines, eq(xeroInvoiceLines.orgId, orgId))).toBe(xeroSales.reduce((n, i) => n + i.LineItems.length, 0));
    expect(await db.$count(xeroPayments, eq(xeroPayments.orgId, orgId))).toBe([...books.payments.values()].length);
    expect(await db.$count(xeroTaxRates, eq(xeroTaxRates.orgId, orgId))).toBeGreaterThan(0);

    const bayside = [...books.contacts.values()].find((c) => c.Name === "Bayside Dental Group")!;
    const hudson = [...books.contacts.values()].find((c) => c.Name === "Hudson Legal LLP")!;
    const linkedByEmail = (await db.select().from(customers).where(eq(customers.id, byEmail.id)))[0];
    expect(linkedByEmail.xeroContactId).toBe(bayside.ContactID);
    // Linked first time: empty CRM fields filled from Xero, values the CRM had kept.
    expect(linkedByEmail).toMatchObject({ city: "San Francisco", phone: "415 000" });
    expect((await db.select().from(customers).where(eq(customers.id, byName.id)))[0].xeroContactId).toBe(hudson.ContactID);
    expect((await db.select().from(customers).where(eq(customers.id, twin.id)))[0].xeroContactId).toBeNull();
    expect((await db.select().from(customers).where(eq(customers.id, crmOnly.id)))[0].xeroContactId).toBeNull();

    // Xero customers that matched nothing are CRM customers now; the supplier-like contact is not.
    const all = await db.select().from(customers).where(eq(customers.orgId, orgId));
    const imported = all.filter((c) => ![byEmail.id, byName.id, twin.id, crmOnly.id].includes(c.id));
    const xeroCustomers = [...books.contacts.values()].filter((c) => books.invoicesFor(c.ContactID).some((i) => i.Type === "ACCREC" && !["DRAFT", "DELETED", "VOIDED"].includes(i.Status)));
    expect(imported.map((c) => c.xeroContactId).sort()).toEqual(xeroCustomers.filter((c) => c.ContactID !== bayside.ContactID && c.ContactID !== hudson.ContactID).map((c) => c.ContactID).sort());
    expect(all.some((c) => c.name === "Paper Supplies Ltd")).toBe(false);

    const reviews = await db.select().from(syncReviews).where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.status, "open")));
    expect(reviews.map((r) => r.candidates.map((c) => c.id))).toEqual([[twin.id], [twin.id]]);

    // Invoices of linked contacts carry the customer.
    const baysideInvoices = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroContactId, bayside.ContactID)));
    expect(baysideInvoices.length).toBeGreaterThan(0);
    expect(baysideInvoices.every((i) => i.customerId === byEmail.id)).toBe(true);
    const cursors = await db.select().from(syncCursors).where(eq(syncCursors.orgId, orgId));
    expect(cursors.every((c) => c.initialDoneAt && !c.runningSince)).toBe(true);
    expect(await db.$count(xeroContacts, eq(xeroContacts.orgId, orgId))).toBe(books.contacts.size);
  });

  it("an import that fails part way says it waits, holds pushes back, and the next scheduled (incremental) pull finishes it with no reconnect", async () => {
    const db = getDb();
    const { ctx, orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Waits For Import", email: "waits@example.test" }));
    sandbox.control.setFaults({ failNext: { count: 50, status: 503 } });
    await expect(pullResources(db, orgId, ["contacts"], { mode: "initial", trigger: "initial" })).rejects.toBeTruthy();
    await failResource(db, orgId, "contacts", "Xero is unavailable."); // what pull-xero does when its retries run out
    sandbox.control.clearFaults();
    expect((await getSyncStatus(db, orgId)).phase).toBe("waiting_for_first_import");
    expect(await drainOutbox(db, orgId, "push")).toMatchObject({ kind: "done", sent: 0 });
    expect([...sandbox.sandbox.org(tenantId)!.contacts.values()].some((c) => c.ContactNumber === customer.id)).toBe(false);

    // What the five-minute pull runs: incremental, yet from the start, since no walk has finished.
    await pullResources(db, orgId, ["contacts"], { mode: "incremental", trigger: "schedule" });
    const [cursor] = await db.select().from(syncCursors).where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, "contacts")));
    expect(cursor.initialDoneAt).not.toBeNull();
    expect(await db.$count(xeroContacts, eq(xeroContacts.orgId, orgId))).toBe(sandbox.sandbox.org(tenantId)!.contacts.size);
    expect((await getSyncStatus(db, orgId)).sync_status).toBe("healthy");
    await drainOutbox(db, orgId, "push");
    expect([...sandbox.sandbox.org(tenantId)!.contacts.values()].filter((c) => c.ContactNumber === customer.id)).toHaveLength(1);
  });
});
