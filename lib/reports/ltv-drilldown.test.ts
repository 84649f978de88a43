import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { reportBooks } from "@/test/report-fixtures";
import { ltvSourceCustomers } from "./ltv-drilldown";
import { ltvReport } from "./ltv-report";
import { sumDecimals } from "./money-rules";
import { reportScope } from "./report-scope";

describe("a lead-source row drills down to its customers", () => {
  it("lists the row's customers by lifetime value with the same grouping, cohort and totals", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const b = reportBooks(db, org.orgId);
    const paid = async (name: string, source: string | null, date: string, amounts: string[]) => {
      const c = await b.customer(name, { leadSource: source });
      const inv = await b.invoice({ contact: c.xeroContactId, date, total: "1000.00", status: "PAID", amountDue: "0" });
      for (const amount of amounts) await b.payment({ invoice: inv.xeroInvoiceId, date, amount });
      return c;
    };
    await paid("Ann", " referral ", "2026-03-01", ["100.00", "50.50"]); // 150.50
    await paid("Bob", "Referral", "2025-06-01", ["300.00"]);
    await b.customer("Cat (never invoiced)", { leadSource: "REFERRAL" });
    await paid("Dan", "Web", "2026-03-01", ["999.00"]);
    await paid("Eve", null, "2026-03-01", ["10.00"]);
    const scope = await reportScope(db, org.finance);

    const all = await ltvSourceCustomers(db, scope, {}, "Referral");
    expect(all.total).toBe(3);
    expect(all.customers.map((c) => [c.name, c.ltv, c.payments, c.firstInvoiceDate])).toEqual([
      ["Bob", "300.00", 1, "2025-06-01"],
      ["Ann", "150.50", 2, "2026-03-01"],
      ["Cat (never invoiced)", "0.00", 0, null],
    ]);
    const row = (await ltvReport(db, scope, {})).rows.find((r) => r.leadSource.toLowerCase() === "referral")!;
    expect(sumDecimals(all.customers.map((c) => c.ltv))).toBe(row.totalPaid);
    expect(all.total).toBe(row.customers);

    const cohort = await ltvSourceCustomers(db, scope, { from: "2026-01-01", to: "2026-12-31" }, "referral");
    expect(cohort.customers.map((c) => c.name)).toEqual(["Ann"]);
    expect((await ltvSourceCustomers(db, scope, {}, "(none)")).customers.map((c) => c.name)).toEqual(["Eve"]);
  });
});
