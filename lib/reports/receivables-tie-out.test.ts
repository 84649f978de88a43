import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { ALL_RESOURCES, pullResources } from "@/lib/sync/pull/pull-resources";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { subtractDecimals } from "./money-rules";
import { accountsReceivableOf, pullBalanceSheet, receivablesTieOut } from "./receivables-tie-out";
import { reportScope } from "./report-scope";

const sandbox = sandboxForFile();

describe("receivables tie out with Xero's Balance Sheet", () => {
  it("reads the Accounts Receivable row of any section exactly, and says when there is none", () => {
    const rows = [{ rowType: "Section", title: "Current Assets", rows: [{ rowType: "Row", cells: [{ value: "Accounts Receivable" }, { value: "1,234.5" }] }] }];
    expect(accountsReceivableOf(rows)).toBe("1234.50");
    expect(accountsReceivableOf([{ rowType: "Section", rows: [{ rowType: "Row", cells: [{ value: "Bank" }, { value: "9" }] }] }])).toBeNull();
    expect(() => accountsReceivableOf([{ rowType: "Row", cells: [{ value: "Accounts Receivable" }, { value: "n/a" }] }])).toThrow("not an amount");
  });

  it("matches once the mirror is current, explains unallocated credit, and shows what is not synced yet as unexplained", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox(), { seed: "demo" });
    const org = sandbox().sandbox.org(tenantId)!;
    const today = sandbox().sandbox.clock.today();
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const scope = { ...(await reportScope(db, { orgId, canSeeAmounts: true })), today };
    expect(await receivablesTieOut(db, scope, tenantId)).toBeNull(); // not pulled yet

    // An overpayment nobody allocated: Xero nets it against receivables, our receivables do not.
    const open = [...org.invoices.values()].find((i) => i.Type === "ACCREC" && i.Status === "AUTHORISED" && i.AmountDue > 0)!;
    sandbox().control.recordCashCredit(tenantId, { contactId: open.ContactID, amount: 25.5, kind: "overpayment", date: today });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "incremental", trigger: "manual" });
    const sheet = await pullBalanceSheet(db, orgId, today, "manual");
    const tie = (await receivablesTieOut(db, scope, tenantId))!;
    expect(tie.xeroReceivables).toBe(sheet.figures.accountsReceivable);
    expect(tie.explained.find((p) => p.reason.startsWith("Overpayments"))?.amount).toBe("25.50");
    expect(tie.unexplained).toBe("0.00");

    // A payment made in Xero and not synced yet: the sheet moves, the mirror does not, and it says so.
    sandbox().control.recordPayment(tenantId, open.InvoiceID, { amount: 10, date: today });
    const again = await pullBalanceSheet(db, orgId, today, "sync");
    expect(again.figures.accountsReceivable).toBe(subtractDecimals(sheet.figures.accountsReceivable, "10.00"));
    expect((await receivablesTieOut(db, scope, tenantId))!.unexplained).toBe("10.00");
    // A sheet pulled from other books is not compared with these.
    expect(await receivablesTieOut(db, scope, "other-books")).toBeNull();
  });

  it("answers a person's pull within a minute from the last one, without calling Xero", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox(), { seed: "demo" });
    const today = sandbox().sandbox.clock.today();
    const calls = () => sandbox().control.requests({ pathPrefix: "/api.xro/2.0/Reports/BalanceSheet", tenantId }).length;
    const first = await pullBalanceSheet(db, orgId, today, "manual");
    await pullBalanceSheet(db, orgId, today, "manual");
    await pullBalanceSheet(db, orgId, today, "manual");
    expect(calls()).toBe(1);
    await pullBalanceSheet(db, orgId, today, "manual", new Date(first.fetchedAt.getTime() + 61_000));
    expect(calls()).toBe(2);
  });
});
