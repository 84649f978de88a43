import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, xeroContacts, xeroInvoices } from "@/db/schema";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { createCustomer } from "@/lib/crm/customers";
import { mergeCustomers } from "@/lib/crm/merge-customers";
import { customerInput } from "@/lib/crm/schemas";
import { parseInput } from "@/lib/validation";
import { makeOrg } from "@/test/factories";
import { customersResource } from "@/lib/api/v1-resources";
import { customerBalances, customerFinance } from "./customer-balances";

type Ctx = Awaited<ReturnType<typeof makeOrg>>;

/** A customer linked to a Xero contact of its own (the mirror row and the customer's link). */
async function linkedCustomer(ctx: Ctx, name: string) {
  const db = getDb();
  const customer = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name }));
  const contactId = crypto.randomUUID();
  await db.insert(xeroContacts).values({ orgId: ctx.org.id, xeroContactId: contactId, customerId: customer.id, status: "ACTIVE", name, email: null, isCustomer: true, isSupplier: false, values: { name, email: null, phone: null, addressLine1: null, addressLine2: null, city: null, region: null, postalCode: null, country: null, taxNumber: null, paymentTermDays: null, currency: null }, xeroUpdatedAt: new Date() });
  await db.update(customers).set({ xeroContactId: contactId }).where(eq(customers.id, customer.id));
  return { customer, contactId };
}

const invoice = (ctx: Ctx, contactId: string, n: string, status: string, date: string, due: string, amountDue: string, currency = "USD") => ({
  orgId: ctx.org.id, xeroInvoiceId: crypto.randomUUID(), type: "ACCREC", number: n, xeroContactId: contactId, customerId: null, status, lineAmountTypes: "Exclusive", currency, subTotal: amountDue, totalTax: "0", total: amountDue, amountDue, amountPaid: "0", amountCredited: "0", date, dueDate: due, xeroUpdatedAt: new Date(),
});

describe("customer balances", () => {
  it("adds up what is outstanding and overdue per currency on approved invoices only; past due shows without amounts", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const { customer, contactId } = await linkedCustomer(ctx, "Owes Money");
    const inv = (n: string, status: string, due: string, amountDue: string, currency = "USD") => invoice(ctx, contactId, n, status, "2026-10-01", due, amountDue, currency);
    await db.insert(xeroInvoices).values([inv("INV-1", "AUTHORISED", "2026-11-01", "100.10"), inv("INV-2", "AUTHORISED", "2026-12-31", "49.95"), inv("INV-3", "PAID", "2026-11-01", "0.00"), inv("INV-4", "DRAFT", "2026-11-01", "999.00"), inv("INV-5", "AUTHORISED", "2026-12-31", "20.00", "EUR")]);
    const f = await customerFinance(db, ctx.org.id, customer.id, "2026-12-01");
    expect(f.pastDue).toBe(true);
    // 100.10 + 49.95 = 150.05 outstanding, of which INV-1's 100.10 is past 2026-11-01.
    expect(f.balances).toEqual([
      { currency: "EUR", outstanding: "20.00", overdue: "0.00" },
      { currency: "USD", outstanding: "150.05", overdue: "100.10" },
    ]);
    expect(f.invoices).toHaveLength(5);
    expect((await customerFinance(db, ctx.org.id, customer.id, "2026-10-15")).pastDue).toBe(false);
  });

  it("counts every invoice, not the newest 200: a four-year weekly customer's one unpaid invoice from year one", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const { customer, contactId } = await linkedCustomer(ctx, "Weekly Since 2022");
    const weeks = Array.from({ length: 208 }, (_, w) => new Date(Date.UTC(2022, 11, 5) + w * 7 * 86_400_000).toISOString().slice(0, 10));
    await db.insert(xeroInvoices).values(weeks.map((d, w) => invoice(ctx, contactId, `W-${w}`, w === 0 ? "AUTHORISED" : "PAID", d, d, w === 0 ? "75.00" : "0.00")));
    const f = await customerFinance(db, ctx.org.id, customer.id, "2026-12-01");
    expect(f.balances).toEqual([{ currency: "USD", outstanding: "75.00", overdue: "75.00" }]);
    expect(f.pastDue).toBe(true);
    expect(f.invoices).toHaveLength(200);
  });

  it("a merge keeps the merged-away customer's invoices in the survivor's balances; a later link counts at once", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const keep = await linkedCustomer(ctx, "Globex Corporation");
    const gone = await linkedCustomer(ctx, "Globex Corp");
    await db.insert(xeroInvoices).values([invoice(ctx, keep.contactId, "K-1", "AUTHORISED", "2026-10-01", "2026-12-30", "60.00"), invoice(ctx, gone.contactId, "G-1", "AUTHORISED", "2026-10-01", "2026-11-01", "40.00")]);
    await mergeCustomers(db, actorFromContext(ctx), { survivorId: keep.customer.id, mergedIds: [gone.customer.id], pick: {} });
    const f = await customerFinance(db, ctx.org.id, keep.customer.id, "2026-12-01");
    expect(f.balances).toEqual([{ currency: "USD", outstanding: "100.00", overdue: "40.00" }]);
    expect(f.invoices.map((i) => i.number).sort()).toEqual(["G-1", "K-1"]);

    // A contact mirrored before anyone linked it: its invoices count the moment the link is made.
    const late = await createCustomer(db, actorFromContext(ctx), parseInput(customerInput, { name: "Linked Later" }));
    const contactId = crypto.randomUUID();
    await db.insert(xeroInvoices).values(invoice(ctx, contactId, "L-1", "AUTHORISED", "2026-10-01", "2026-12-30", "12.34"));
    expect((await customerBalances(db, ctx.org.id, [late.id], "2026-12-01")).get(late.id)).toBeUndefined();
    await db.update(customers).set({ xeroContactId: contactId }).where(eq(customers.id, late.id));
    expect((await customerBalances(db, ctx.org.id, [late.id], "2026-12-01")).get(late.id)).toEqual([{ currency: "USD", outstanding: "12.34", overdue: "0.00" }]);
  });

  it("the tenant API's customers carry balances and pastDue; a key without amounts sees pastDue but no figures", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const { customer, contactId } = await linkedCustomer(ctx, "API Debtor");
    await db.insert(xeroInvoices).values(invoice(ctx, contactId, "A-1", "AUTHORISED", "2020-01-01", "2020-02-01", "250.00"));
    const actor = actorFromContext(ctx, "api");
    expect(await customersResource.get(db, actor, customer.id)).toMatchObject({ pastDue: true, balances: [{ currency: "USD", outstanding: "250.00", overdue: "250.00" }] });
    const blind = await customersResource.list(db, { ...actor, canSeeAmounts: false }, null, 10);
    expect(blind.data.find((c) => c.id === customer.id)).toMatchObject({ pastDue: true, balances: [{ currency: "USD", outstanding: null, overdue: null }] });
  });
});
