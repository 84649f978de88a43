import { eq } from "drizzle-orm";
import type { Invoice } from "xero-node";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { subscriptions } from "@/db/schema";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput, subscriptionInput } from "@/lib/crm/schemas";
import { saveSubscription } from "@/lib/crm/subscriptions";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { mirrorInvoices } from "@/lib/sync/invoices/mirror-invoices";
import { parseInput } from "@/lib/validation";
import { dismissLeakage, leakageReport } from "./leakage-report";
import { reportScope } from "./report-scope";

/** Today is 2026-12-03 (UTC) for every figure below. */
const NOW = new Date("2026-12-03T12:00:00Z");

const generated = (repeatingId: string, date: string, status = "AUTHORISED", total = 99): Invoice =>
  ({
    invoiceID: crypto.randomUUID(), type: "ACCREC", invoiceNumber: `INV-${date}`, contact: { contactID: "c-sub" }, status, currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive",
    subTotal: total, totalTax: 0, total, amountDue: total, amountPaid: 0, amountCredited: 0, date, dueDate: date, updatedDateUTC: new Date(`${date}T08:00:00Z`), repeatingInvoiceID: repeatingId, lineItems: [],
  }) as unknown as Invoice;

describe("revenue leakage: subscription periods billed through Xero", () => {
  it("lists each past billing date with no invoice of the subscription in its period, at the subscription's amount; a dismissed one leaves the list and the totals", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Periodic Co" }));
    const subscribe = async (input: Record<string, unknown>, xero: { billingFrom: string | null; repeatingId?: string }) => {
      const sub = await saveSubscription(db, org.owner, null, parseInput(subscriptionInput, { customerId: customer.id, ...input }));
      await db.update(subscriptions).set({ xeroBillingFrom: xero.billingFrom, xeroRepeatingInvoiceId: xero.repeatingId ?? null }).where(eq(subscriptions.id, sub.id));
      return sub;
    };
    // A: monthly 99.00 USD from 31 Aug. Billing dates before today: 08-31, 09-30, 10-31, 11-30 (12-31 is to come).
    const a = await subscribe({ interval: "monthly", startDate: "2026-08-31", lines: [{ description: "Hosting", quantity: 1, unitPrice: 99 }] }, { billingFrom: "2026-08-31", repeatingId: "R-A" });
    // B: weekly 10.00 EUR from 12 Nov: 11-12, 11-19, 11-26 (12-03 is today, not past), nothing billed.
    await subscribe({ interval: "weekly", startDate: "2026-11-12", currency: "EUR", lines: [{ description: "Support", quantity: 1, unitPrice: 10 }] }, { billingFrom: "2026-11-12", repeatingId: "R-B" });
    // E: monthly 5.00 USD from 1 Aug, ending 15 Sep: 08-01 and 09-01 only, nothing billed.
    await subscribe({ interval: "monthly", startDate: "2026-08-01", endDate: "2026-09-15", lines: [{ description: "Trial", quantity: 1, unitPrice: 5 }] }, { billingFrom: "2026-08-01", repeatingId: "R-E" });
    // Not leakage: a paused subscription, and one that does not bill through Xero.
    await subscribe({ interval: "monthly", startDate: "2026-08-01", status: "paused", lines: [{ description: "Paused", quantity: 1, unitPrice: 7 }] }, { billingFrom: "2026-08-01", repeatingId: "R-P" });
    await subscribe({ interval: "monthly", startDate: "2026-08-01", lines: [{ description: "Local only", quantity: 1, unitPrice: 8 }] }, { billingFrom: null });

    // A's runs: 08-31 billed; 09-30's invoice a day late (10-01, still in that period); 11-30's voided (not billing).
    await mirrorInvoices(db, org.orgId, [generated("R-A", "2026-08-31"), generated("R-A", "2026-10-01"), generated("R-A", "2026-11-30", "VOIDED")], "schedule");

    const scope = await reportScope(db, org.finance, NOW);
    const report = await leakageReport(db, scope);
    const periods = report.rows.filter((r) => r.kind === "subscription_period").map((r) => [r.dealTitle, r.period, r.amount, r.currency]);
    expect(periods.sort()).toEqual(
      [
        ["Subscription of Periodic Co (monthly)", "2026-10-31", "99.00", "USD"],
        ["Subscription of Periodic Co (monthly)", "2026-11-30", "99.00", "USD"],
        ["Subscription of Periodic Co (weekly)", "2026-11-12", "10.00", "EUR"],
        ["Subscription of Periodic Co (weekly)", "2026-11-19", "10.00", "EUR"],
        ["Subscription of Periodic Co (weekly)", "2026-11-26", "10.00", "EUR"],
        ["Subscription of Periodic Co (monthly)", "2026-08-01", "5.00", "USD"],
        ["Subscription of Periodic Co (monthly)", "2026-09-01", "5.00", "USD"],
      ].sort(),
    );
    // 99 x 2 + 5 x 2 = 208.00 USD; 10 x 3 = 30.00 EUR.
    expect(report.totals).toEqual([
      { currency: "EUR", amount: "30.00" },
      { currency: "USD", amount: "208.00" },
    ]);

    await dismissLeakage(db, scope, org.finance, { kind: "subscription_period", subscriptionId: a.id, period: "2026-11-30", reason: "Billed by hand in Xero" });
    const after = await leakageReport(db, scope);
    expect(after.totals).toEqual([
      { currency: "EUR", amount: "30.00" },
      { currency: "USD", amount: "109.00" },
    ]);
    // A period the list does not show is not found, and another organisation's subscription neither.
    await expect(dismissLeakage(db, scope, org.finance, { kind: "subscription_period", subscriptionId: a.id, period: "2026-08-31", reason: "Not shown" })).rejects.toMatchObject({ code: "not_found" });
    const other = await makeCrmOrg(db);
    await expect(dismissLeakage(db, await reportScope(db, other.finance, NOW), other.finance, { kind: "subscription_period", subscriptionId: a.id, period: "2026-10-31", reason: "Not mine" })).rejects.toMatchObject({ code: "not_found" });
  });
});
