import { and, eq } from "drizzle-orm";
import type { Invoice } from "xero-node";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { notifications, subscriptions } from "@/db/schema";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput, subscriptionInput } from "@/lib/crm/schemas";
import { saveSubscription } from "@/lib/crm/subscriptions";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { mirrorInvoices } from "@/lib/sync/invoices/mirror-invoices";
import { parseInput } from "@/lib/validation";
import { raiseSubscriptionUnpaidAlerts } from "./subscription-unpaid-alerts";

const run = (repeatingId: string, dueDate: string, amountDue: number): Invoice =>
  ({
    invoiceID: crypto.randomUUID(), type: "ACCREC", invoiceNumber: `INV-${dueDate}`, contact: { contactID: "c-unpaid" }, status: "AUTHORISED", currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive",
    subTotal: 99, totalTax: 0, total: 99, amountDue, amountPaid: 99 - amountDue, amountCredited: 0, date: "2026-11-01", dueDate, updatedDateUTC: new Date("2026-11-01T08:00:00Z"), repeatingInvoiceID: repeatingId, lineItems: [],
  }) as unknown as Invoice;

describe("a subscription's unpaid invoice (the seed's failed payment)", () => {
  it("notifies the owners, admins and finance and the customer's owner once, with a link to the subscription; paid or not yet due, nothing", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Late Payer", ownerId: org.sales.userId }));
    const sub = await saveSubscription(db, org.owner, null, parseInput(subscriptionInput, { customerId: customer.id, interval: "monthly", startDate: "2026-11-01", lines: [{ description: "Plan", quantity: 1, unitPrice: 99 }] }));
    await db.update(subscriptions).set({ xeroRepeatingInvoiceId: "R-UNPAID" }).where(eq(subscriptions.id, sub.id));
    // Past due on 2026-12-03: one unpaid, one paid, one due later.
    await mirrorInvoices(db, org.orgId, [run("R-UNPAID", "2026-12-01", 99), run("R-UNPAID", "2026-12-01", 0), run("R-UNPAID", "2026-12-10", 99)], "webhook");
    const other = await makeCrmOrg(db);
    expect(await raiseSubscriptionUnpaidAlerts(db, org.orgId, "2026-12-03")).toEqual({ invoices: 1 });
    const sent = await db.select().from(notifications).where(and(eq(notifications.orgId, org.orgId), eq(notifications.kind, "subscription.unpaid")));
    expect(sent.map((n) => n.userId).sort()).toEqual([org.owner.userId, org.admin.userId, org.finance.userId, org.sales.userId].sort());
    expect(sent[0]).toMatchObject({ title: expect.stringContaining("Late Payer"), link: `/o/${org.slug}/customers/${customer.id}/subscriptions/${sub.id}` });
    expect(sent.find((n) => n.userId === org.finance.userId)!.body).toContain("$99.00 was due on 2026-12-01");
    // Once: the rerun (and tomorrow's run) raises nothing; another organisation gets nothing.
    expect(await raiseSubscriptionUnpaidAlerts(db, org.orgId, "2026-12-03")).toEqual({ invoices: 0 });
    expect(await raiseSubscriptionUnpaidAlerts(db, org.orgId, "2026-12-04")).toEqual({ invoices: 0 });
    expect(await db.$count(notifications, eq(notifications.orgId, other.orgId))).toBe(0);
  });
});
