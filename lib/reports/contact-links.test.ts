import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, xeroContacts } from "@/db/schema";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { contactCustomers, everyContactCustomer, joinLinkedCustomer, linkedCustomerId } from "./money-rules";

describe("a Xero contact's CRM customer, the three ways the reports resolve it", () => {
  it("agree: the customer's own link wins over a stale mirror link, the mirror links a merged contact, a contact linked by neither has none", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const other = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    const own = await b.customer("Own");
    const survivor = await b.customer("Survivor");
    await db.update(xeroContacts).set({ customerId: survivor.id }).where(and(eq(xeroContacts.orgId, org.orgId), eq(xeroContacts.xeroContactId, own.xeroContactId)));
    const merged = await b.contact("Merged away");
    await db.update(xeroContacts).set({ customerId: survivor.id }).where(and(eq(xeroContacts.orgId, org.orgId), eq(xeroContacts.xeroContactId, merged.xeroContactId)));
    const stranger = await b.contact("Walk-in");
    // A customer linked to a contact the mirror has not pulled yet.
    const [early] = await db.insert(customers).values({ orgId: org.orgId, name: "Linked early", xeroContactId: "not-pulled-yet" }).returning();
    await reportBooks(db, other.orgId).customer("Another tenant's");

    const expected = [
      [own.xeroContactId, own.id],
      [survivor.xeroContactId, survivor.id],
      [merged.xeroContactId, survivor.id],
      ["not-pulled-yet", early.id],
    ].sort(([a], [c]) => a.localeCompare(c));
    const read = async (links: ReturnType<typeof sql>) =>
      (await db.execute<{ xero_contact_id: string; customer_id: string }>(sql`select xero_contact_id, customer_id::text from ${links} l order by 1`)).rows.map((r) => [r.xero_contact_id, r.customer_id]);
    expect(await read(contactCustomers(org.orgId))).toEqual(expected);
    expect(await read(everyContactCustomer(org.orgId))).toEqual(expected);
    const contacts = sql`(select unnest(array[${own.xeroContactId}, ${survivor.xeroContactId}, ${merged.xeroContactId}, 'not-pulled-yet', ${stranger.xeroContactId}]) as xero_contact_id)`;
    const joined = (await db.execute<{ xero_contact_id: string; customer_id: string | null }>(
      sql`select c.xero_contact_id, ${linkedCustomerId()}::text as customer_id from ${contacts} c ${joinLinkedCustomer(org.orgId, sql`c.xero_contact_id`)} order by 1`,
    )).rows;
    expect(joined.filter((r) => r.customer_id !== null).map((r) => [r.xero_contact_id, r.customer_id])).toEqual(expected);
    expect(joined.find((r) => r.xero_contact_id === stranger.xeroContactId)?.customer_id).toBeNull();
    // One customer's contacts through the filterable form (the customer page's lookup).
    expect(await read(sql`(select * from ${contactCustomers(org.orgId)} x where x.customer_id = ${survivor.id})`)).toEqual([[merged.xeroContactId, survivor.id], [survivor.xeroContactId, survivor.id]].sort(([a], [c]) => a.localeCompare(c)));
  });
});
