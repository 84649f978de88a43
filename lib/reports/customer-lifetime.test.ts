import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { customerLifetime } from "./customer-lifetime";
import { ltvReport } from "./ltv-report";
import { reportScope } from "./report-scope";

const NOW = new Date("2026-11-20T12:00:00Z");

describe("a customer's lifetime in the books", () => {
  it("is its payments in the base currency (the LTV report's figure), the mean days from invoice to fully paid, and its payments newest first", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const acme = await books.customer("Acme", { leadSource: "Acme only" });
    const other = await books.customer("Other");
    const paid10 = await books.invoice({ contact: acme.xeroContactId, date: "2025-01-01", total: "100.00", amountDue: "0", status: "PAID", fullyPaidOn: "2025-01-11" });
    const paid3 = await books.invoice({ contact: acme.xeroContactId, date: "2026-02-01", total: "90.00", amountDue: "0", status: "PAID", currency: "EUR", rate: "0.9", fullyPaidOn: "2026-02-04", number: "INV-EUR" });
    const open = await books.invoice({ contact: acme.xeroContactId, date: "2026-11-01", total: "50.00", amountDue: "16.67" });
    const theirs = await books.invoice({ contact: other.xeroContactId, date: "2026-11-01", total: "70.00", amountDue: "0", status: "PAID", fullyPaidOn: "2026-11-30" });
    await books.payment({ invoice: paid10.xeroInvoiceId, date: "2025-01-11", amount: "100.00" });
    await books.payment({ invoice: paid3.xeroInvoiceId, date: "2026-02-04", amount: "90.00", currency: "EUR", rate: "0.9" }); // 100.00
    await books.payment({ invoice: open.xeroInvoiceId, date: "2026-11-10", amount: "33.33" });
    await books.payment({ invoice: open.xeroInvoiceId, date: "2026-11-11", amount: "50.00", status: "DELETED" });
    await books.payment({ invoice: theirs.xeroInvoiceId, date: "2026-11-30", amount: "70.00" });

    const scope = await reportScope(db, org.finance, NOW);
    const lifetime = await customerLifetime(db, scope, acme.id);
    expect(lifetime).toMatchObject({ currency: "USD", lifetimeValue: "233.33", averageDaysToPay: "6.5", paidInvoices: 2, paymentCount: 3 });
    expect(lifetime.payments.map((p) => [p.date, p.amount, p.currency])).toEqual([
      ["2026-11-10", "33.33", "USD"],
      ["2026-02-04", "90.00", "EUR"],
      ["2025-01-11", "100.00", "USD"],
    ]);
    expect(lifetime.payments[1].invoiceNumber).toBe("INV-EUR");
    // The same figure as the lifetime-value report's row for a source only Acme has.
    expect((await ltvReport(db, scope, {})).rows.find((r) => r.leadSource === "Acme only")?.totalPaid).toBe(lifetime.lifetimeValue);
    // A customer with nothing paid: zero and no average, not an error.
    const quiet = await books.customer("Quiet");
    expect(await customerLifetime(db, scope, quiet.id)).toMatchObject({ lifetimeValue: "0.00", averageDaysToPay: null, paidInvoices: 0, payments: [], paymentCount: 0 });
  });
});
