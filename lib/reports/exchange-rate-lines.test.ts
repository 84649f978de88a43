import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { receivablesExchangeLines } from "./exchange-rate-lines";
import { reportCsv, runReport } from "./report-registry";
import { reportScope } from "./report-scope";

describe("receivables in other currencies at the latest rate", () => {
  it("show each currency at its booked rates and at the newest rate Xero used, with the difference (hand-computed)", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const books = reportBooks(db, org.orgId);
    const c = await books.contact("Euro Kunde");
    // EUR open: 1000.00 at 0.9 -> 1111.11 and 500.00 at 0.8 -> 625.00: booked 1736.11.
    await books.invoice({ contact: c.xeroContactId, number: "INV-E1", date: "2026-10-01", total: "1000.00", currency: "EUR", rate: "0.9" });
    const e2 = await books.invoice({ contact: c.xeroContactId, number: "INV-E2", date: "2026-11-01", total: "800.00", amountDue: "500.00", currency: "EUR", rate: "0.8" });
    await books.payment({ invoice: e2.xeroInvoiceId, date: "2026-11-20", amount: "300.00", rate: "0.85", currency: "EUR" });
    // The newest rate: a paid EUR invoice of 25 November at 0.95 (a draft of December at 0.5 is no booking).
    await books.invoice({ contact: c.xeroContactId, number: "INV-E3", date: "2026-11-25", total: "50.00", amountDue: "0.00", status: "PAID", currency: "EUR", rate: "0.95" });
    await books.invoice({ contact: c.xeroContactId, number: "INV-E4", date: "2026-12-01", total: "70.00", status: "DRAFT", currency: "EUR", rate: "0.5" });
    // GBP: 200.00 at 0.75 -> 266.67, its own rate the latest: no difference.
    await books.invoice({ contact: c.xeroContactId, number: "INV-G1", date: "2026-11-10", total: "200.00", currency: "GBP", rate: "0.75" });
    // Base-currency invoices are not listed.
    await books.invoice({ contact: c.xeroContactId, number: "INV-U1", date: "2026-11-10", total: "99.00" });

    const scope = await reportScope(db, org.finance);
    const lines = await receivablesExchangeLines(db, scope);
    expect(lines).toEqual([
      // 1500.00 / 0.95 = 1578.947... -> 1578.95; 1578.95 - 1736.11 = -157.16
      { currency: "EUR", amount: "1500.00", atBookedRates: "1736.11", latestRate: "0.95", latestRateDate: "2026-11-25", latestRateSource: "INV-E3", atLatestRate: "1578.95", exchangeDifference: "-157.16" },
      { currency: "GBP", amount: "200.00", atBookedRates: "266.67", latestRate: "0.75", latestRateDate: "2026-11-10", latestRateSource: "INV-G1", atLatestRate: "266.67", exchangeDifference: "0.00" },
    ]);

    // The API's ageing report and its CSV carry the same lines.
    expect(((await runReport(db, scope, "ageing", new URLSearchParams())).report as { foreignCurrencies: unknown }).foreignCurrencies).toEqual(lines);
    const csv = await reportCsv(db, scope, "ageing", new URLSearchParams());
    expect(csv).toContain("EUR,,,,,,,,1500.00,1736.11,0.95,2026-11-25,INV-E3,1578.95,-157.16");

    // A payment booked later than every invoice sets the latest rate: 1500.00 / 0.85 = 1764.705... -> 1764.71.
    await books.payment({ invoice: e2.xeroInvoiceId, date: "2026-11-30", amount: "0.01", rate: "0.85", currency: "EUR" });
    const [eur] = await receivablesExchangeLines(db, await reportScope(db, org.finance));
    expect(eur).toMatchObject({ latestRate: "0.85", latestRateDate: "2026-11-30", latestRateSource: "a payment", atLatestRate: "1764.71", exchangeDifference: "28.60" });
  });
});
