import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { crmActivities, customers, devMailbox, xeroInvoices } from "@/db/schema";
import { drainAll, invoicesFor, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import { getInvoiceSettings, saveInvoiceSettings } from "./invoice-settings";
import { sendPaymentReminders } from "./payment-reminders";

const sandboxOf = sandboxForFile();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe("payment reminders", () => {
  it("remind before, on and every N days after the due date, once each, naming the invoice with the tracked link; never once it is paid (checked afresh), never to a customer marked no reminders", async () => {
    const sandbox = sandboxOf();
    const org = await invoicingOrg(sandbox, { status: "AUTHORISED", customerName: "Reminded" });
    const { db, orgId, tenantId, customer } = org;
    await saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), paymentTermDays: 30, reminderDaysBefore: 3, reminderOnDueDate: true, reminderEveryDaysOverdue: 7 });
    const deal = await org.newDeal("Reminded work");
    await drainAll(orgId);
    const [inv] = invoicesFor(sandbox, tenantId, deal.id);
    const due = inv.DueDate!;
    const mails = () => db.select().from(devMailbox).where(eq(devMailbox.to, "ap@reminded.test"));
    const run = (today: string) => sendPaymentReminders(db, orgId, today);

    // The demo books' other customers have invoices too: counted by what reaches this customer.
    const count = async () => (await mails()).length;
    const steps: [number, number][] = [];
    for (const offset of [-4, -3, -3, 0, 3, 7]) {
      await run(addDays(due, offset));
      steps.push([offset, await count()]);
    }
    // 3 days before, on the day, 7 days late; the same day twice (the daily run and "Send reminders now") sends nothing twice.
    expect(steps).toEqual([[-4, 0], [-3, 1], [-3, 1], [0, 2], [3, 2], [7, 3]]);
    const sent = await mails();
    expect(sent.map((m) => m.subject)).toEqual([expect.stringContaining("is due soon"), expect.stringContaining("is due today"), expect.stringContaining("is overdue")]);
    expect(sent.every((m) => m.text.includes(inv.InvoiceNumber!) && /\/i\/[A-Za-z0-9_-]{40,}/.test(m.text))).toBe(true);
    const activity = await db.select().from(crmActivities).where(and(eq(crmActivities.orgId, orgId), eq(crmActivities.customerId, customer.id)));
    expect(activity.filter((a) => a.summary.startsWith("Payment reminder for")).map((a) => a.summary)).toHaveLength(3);

    // Paid in Xero a moment ago (the mirror has not heard): the check just before sending finds it.
    sandbox.control.recordPayment(tenantId, inv.InvoiceID, { amount: inv.AmountDue });
    const paidRun = await run(addDays(due, 14));
    expect(paidRun.settledMeanwhile).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(3);
    const [mirrored] = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, inv.InvoiceID)));
    expect(mirrored.status).toBe("PAID");

    // A customer marked "no reminders" gets none.
    const quiet = await org.newDeal("Quiet work");
    await drainAll(orgId);
    await db.update(customers).set({ noReminders: true }).where(eq(customers.id, customer.id));
    const [quietInv] = invoicesFor(sandbox, tenantId, quiet.id);
    await run(quietInv.DueDate!);
    expect(await count()).toBe(3);
  });
});
