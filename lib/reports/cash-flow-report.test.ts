import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { cashFlowReport } from "./cash-flow-report";
import { reportScope } from "./report-scope";

const NOW = new Date("2026-12-02T12:00:00Z"); // a Wednesday: week 1 starts Monday 2026-11-30

describe("the 13-week cash-flow forecast", () => {
  it("places open invoices by due date plus the customer's lateness, deals by close date x probability, subscriptions by billing date plus terms", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    const late = await b.customer("Late Payer");
    const early = await b.customer("Early Payer", { paymentTermDays: 14 });
    const walkIn = await b.contact("Walk-in");
    const history = (contact: string, dueDate: string, fullyPaidOn: string) => b.invoice({ contact, date: "2026-08-01", total: "10.00", amountDue: "0", status: "PAID", dueDate, fullyPaidOn });
    await history(late.xeroContactId, "2026-10-01", "2026-10-11"); // 10 days late
    await history(late.xeroContactId, "2026-09-01", "2026-09-06"); // 5: mean 7.5 -> 8
    await history(early.xeroContactId, "2026-10-10", "2026-10-05"); // early: never below 0
    await history(walkIn.xeroContactId, "2026-10-01", "2026-10-04"); // the contact's own: 3
    const open = (contact: string, amountDue: string, dueDate: string | null, extra: { date?: string; currency?: string; rate?: string; status?: string } = {}) =>
      b.invoice({ contact, date: extra.date ?? "2026-11-01", total: amountDue, amountDue, dueDate, currency: extra.currency, rate: extra.rate, status: extra.status });
    await open(late.xeroContactId, "100.00", "2026-11-20"); // 11-28 -> asOf, past due: week 1, overdue
    await open(late.xeroContactId, "200.00", "2026-12-01"); // 12-09: week 2
    await open(late.xeroContactId, "90.00", "2026-12-10", { currency: "EUR", rate: "0.9" }); // 100.00 on 12-18: week 3
    await open(early.xeroContactId, "50.00", "2026-12-05"); // week 1, not yet due
    await open(early.xeroContactId, "30.00", null, { date: "2026-12-20" }); // no due date: its date, week 3
    await open(walkIn.xeroContactId, "70.00", "2027-03-01"); // 03-04: after week 13
    await open(late.xeroContactId, "999.00", "2026-12-01", { status: "DRAFT" });

    await b.deal({ customerId: late.id, title: "Qualified", amount: "1000.00", stageName: "Qualified", expectedCloseDate: "2026-12-15" }); // 250.00, week 3
    await b.deal({ customerId: late.id, title: "Overdue close", amount: "33.33", stageName: "Qualified", expectedCloseDate: "2026-11-01" }); // 8.3325 -> 8.33, week 1
    await b.deal({ customerId: late.id, title: "Euro deal", amount: "400.00", currency: "EUR", stageName: "Qualified", expectedCloseDate: "2026-12-15" });
    await b.deal({ customerId: late.id, title: "No close date", amount: "700.00", stageName: "Qualified" });
    await b.deal({ customerId: late.id, title: "Won, not invoiced", amount: "500.00", wonAt: new Date("2026-11-28T10:00:00Z") }); // 12-05: week 1
    const invoiced = await b.deal({ customerId: late.id, title: "Won and invoiced", amount: "300.00", wonAt: new Date("2026-11-28T10:00:00Z") });
    await b.invoice({ contact: late.xeroContactId, date: "2026-08-01", total: "300.00", amountDue: "0", status: "PAID", dealId: invoiced.id, dueDate: null });
    const voided = await b.deal({ customerId: late.id, title: "Won, invoice voided", amount: "120.00", wonAt: new Date("2026-12-10T10:00:00Z") }); // 12-17: week 3
    await b.invoice({ contact: late.xeroContactId, date: "2026-12-10", total: "120.00", amountDue: "0", status: "VOIDED", dealId: voided.id });

    await b.subscription({ customerId: late.id, amount: "99.00", nextBillingDate: "2026-12-20" }); // + 30 days: 2027-01-19, week 8
    await b.subscription({ customerId: late.id, amount: "5.00", nextBillingDate: "2026-12-20", status: "paused" });
    await b.subscription({ customerId: late.id, amount: "10.00", nextBillingDate: "2026-12-20", currency: "GBP" });
    await b.subscription({ customerId: early.id, amount: "45.00", nextBillingDate: "2027-02-27" }); // + 14: 03-13, after week 13

    const report = await cashFlowReport(db, await reportScope(db, org.finance, NOW), {});
    const zero = { fromInvoices: "0.00", fromDeals: "0.00", fromSubscriptions: "0.00", expected: "0.00" };
    const expected = Array.from({ length: 13 }, (_, i) => ({ weekStart: new Date(Date.parse("2026-11-30T00:00:00Z") + i * 7 * 86_400_000).toISOString().slice(0, 10), ...zero }));
    expected[0] = { ...expected[0], fromInvoices: "150.00", fromDeals: "508.33", expected: "658.33" };
    expected[1] = { ...expected[1], fromInvoices: "200.00", expected: "200.00" };
    expected[2] = { ...expected[2], fromInvoices: "130.00", fromDeals: "370.00", expected: "500.00" };
    expected[7] = { ...expected[7], fromSubscriptions: "99.00", expected: "99.00" };
    expect(report).toEqual({
      currency: "USD",
      asOf: "2026-12-02",
      weeks: expected,
      later: "115.00",
      overdue: "100.00",
      // 550.00 receivable x 90 / 520.00 invoiced since 2026-09-04 = 95.19...
      dso: "95.2",
      otherCurrencies: [
        { currency: "EUR", fromDeals: "100.00", fromSubscriptions: "0.00" },
        { currency: "GBP", fromDeals: "0.00", fromSubscriptions: "10.00" },
      ],
    });
  });
});
