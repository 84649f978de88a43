import { and, eq } from "drizzle-orm";
import type { Invoice } from "xero-node";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { deals, devMailbox, notifications, organizations } from "@/db/schema";
import { createCustomer } from "@/lib/crm/customers";
import { createDeal } from "@/lib/crm/deals";
import { listStages } from "@/lib/crm/pipeline-stages";
import { customerInput, dealInput } from "@/lib/crm/schemas";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { mirrorInvoices } from "@/lib/sync/invoices/mirror-invoices";
import { parseInput } from "@/lib/validation";
import { saveAlertChoices } from "./alert-preferences";
import { deliverDueAlerts } from "./deliver-alerts";

const invoice = (id: string, dealId: string, paid: number, updated: string): Invoice =>
  ({
    invoiceID: id, type: "ACCREC", invoiceNumber: "INV-77", reference: `[lb:${dealId}]`, contact: { contactID: "c-77" }, status: paid >= 250 ? "PAID" : "AUTHORISED", currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive",
    subTotal: 250, totalTax: 0, total: 250, amountDue: 250 - paid, amountPaid: paid, amountCredited: 0, date: "2026-11-01", dueDate: "2026-11-15", updatedDateUTC: new Date(updated),
  }) as unknown as Invoice;

describe("payment received", () => {
  it("tells the deal's owner of each payment, part or full, without amounts when their role hides them, by the channels they chose", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Payer Co" }));
    const won = (await listStages(db, org.orgId)).find((s) => s.kind === "won")!;
    const deal = await createDeal(db, org.owner, parseInput(dealInput, { title: "Sold", customerId: customer.id, stageId: won.id, lines: [{ description: "Work", quantity: 1, unitPrice: 250 }] }));
    // The deal belongs to a sales member, who by default sees no amounts.
    await db.update(deals).set({ ownerId: org.sales.userId }).where(eq(deals.id, deal.id));
    await saveAlertChoices(db, org.orgId, org.sales.userId!, [{ kind: "payment.received", inApp: true, email: true }]);
    const id = crypto.randomUUID();
    const notes = () => db.select().from(notifications).where(and(eq(notifications.orgId, org.orgId), eq(notifications.kind, "payment.received")));

    // The import of an invoice is history: no alert.
    await mirrorInvoices(db, org.orgId, [invoice(id, deal.id, 0, "2026-11-02T10:00:00Z")], "schedule");
    expect(await notes()).toHaveLength(0);
    await mirrorInvoices(db, org.orgId, [invoice(id, deal.id, 100.5, "2026-11-03T10:00:00Z")], "webhook");
    await mirrorInvoices(db, org.orgId, [invoice(id, deal.id, 250, "2026-11-04T10:00:00Z")], "webhook");
    const told = (await notes()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(told.map((n) => [n.userId, n.title, n.body])).toEqual([
      [org.sales.userId, 'Payment received: INV-77 for "Sold"', "A part payment was received; some is still due."],
      [org.sales.userId, 'Paid: INV-77 for "Sold"', "The invoice is paid in full."],
    ]);
    await deliverDueAlerts(db, { orgId: org.orgId });
    const [user] = await db.select({ email: devMailbox.to }).from(devMailbox).where(eq(devMailbox.subject, `${(await db.select().from(organizations).where(eq(organizations.id, org.orgId)))[0].name}: Paid: INV-77 for "Sold"`));
    expect(user).toBeDefined();

    // Allowed to see amounts, the owner reads them.
    await db.update(organizations).set({ salesCanSeeAmounts: true }).where(eq(organizations.id, org.orgId));
    const second = crypto.randomUUID();
    await mirrorInvoices(db, org.orgId, [invoice(second, deal.id, 0, "2026-11-02T10:00:00Z")], "schedule");
    await mirrorInvoices(db, org.orgId, [invoice(second, deal.id, 99.99, "2026-11-03T10:00:00Z")], "webhook");
    const latest = (await notes()).find((n) => n.body?.includes("$"));
    expect(latest?.body).toBe("$99.99 received in Xero; $150.01 still due.");
  });
});
