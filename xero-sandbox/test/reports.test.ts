import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreditNote, CurrencyCode, Invoice, type ReportWithRow, type XeroClient } from "xero-node";
import { DEMO_TENANTS, type RunningSandbox } from "../index";
import { ALL_SCOPES, BALANCE_SHEET_SCOPE, connect, failure, startConnected, xeroFor } from "./helpers";

let sandbox: RunningSandbox;
let xero: XeroClient;
const UK = DEMO_TENANTS.uk;

/**
 * Books of January 2025 in an empty UK organisation (base GBP), each figure chosen so a report
 * shows it exactly: euro documents at their own rates, a credit note, payments at their own rates,
 * an overpayment and a prepayment, bank spending and interest, and documents that must not count.
 */
beforeAll(async () => {
  ({ sandbox, xero } = await startConnected({ seed: "empty" }, [...ALL_SCOPES, BALANCE_SHEET_SCOPE]));
  const control = sandbox.control;
  control.setExchangeRate(UK, "EUR", "2025-01-01", 1.2);
  const contactID = (await xero.accountingApi.createContacts(UK, { contacts: [{ name: "Report Customer" }] })).body.contacts![0].contactID!;
  const contact = { contactID };
  const line = (unitAmount: number, accountCode: string, taxType: string) => [{ description: "Work", quantity: 1, unitAmount, accountCode, taxType }];
  const invoice = async (fields: Partial<Invoice>) => {
    const res = await xero.accountingApi.createInvoices(UK, { invoices: [{ type: Invoice.TypeEnum.ACCREC, contact, status: Invoice.StatusEnum.AUTHORISED, ...fields }] }, false);
    expect(res.body.invoices![0].statusAttributeString).toBe("OK");
    return res.body.invoices![0];
  };
  // 100.00 + 20.00 VAT; 60.00 paid.
  const a = await invoice({ date: "2025-01-10", lineItems: line(100, "200", "OUTPUT2") });
  // EUR 100.00 at 1.17 = 85.47; EUR 50.00 paid at 1.1625 = 43.01 into the bank, 50.00 left = 42.74.
  const b = await invoice({ date: "2025-01-15", currencyCode: CurrencyCode.EUR, currencyRate: 1.17, lineItems: line(100, "200", "ECZROUTPUT") });
  // EUR 10.29 at the day's 1.2 = 8.575, half up 8.58 (binary floating point would say 8.57).
  await invoice({ date: "2025-01-20", currencyCode: CurrencyCode.EUR, lineItems: line(10.29, "260", "ECZROUTPUT") });
  await invoice({ date: "2025-01-12", status: Invoice.StatusEnum.DRAFT, lineItems: line(300, "200", "OUTPUT2") });
  const voided = await invoice({ date: "2025-01-25", lineItems: line(50, "200", "OUTPUT2") });
  await xero.accountingApi.updateInvoice(UK, voided.invoiceID!, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });
  // February: only in the February column.
  await invoice({ date: "2025-02-05", lineItems: line(40, "200", "NONE") });
  // A bill: 250.00 + 50.00 VAT, unpaid.
  await invoice({ type: Invoice.TypeEnum.ACCPAY, date: "2025-01-18", lineItems: line(250, "493", "INPUT2") });
  // EUR 10.00 at 1.25 = 8.00 less income, and 8.00 of credit held.
  const note = await xero.accountingApi.createCreditNotes(UK, { creditNotes: [{ type: CreditNote.TypeEnum.ACCRECCREDIT, contact, status: CreditNote.StatusEnum.AUTHORISED, date: "2025-01-22", currencyCode: CurrencyCode.EUR, currencyRate: 1.25, lineItems: line(10, "200", "ECZROUTPUT") }] }, false);
  expect(note.body.creditNotes![0].statusAttributeString).toBe("OK");
  await xero.accountingApi.createPayment(UK, { invoice: { invoiceID: a.invoiceID }, account: { code: "090" }, amount: 60, date: "2025-01-28" });
  await xero.accountingApi.createPayment(UK, { invoice: { invoiceID: b.invoiceID }, account: { code: "090" }, amount: 50, date: "2025-01-30", currencyRate: 1.1625 });
  // Cash into 090 that stays as credit: 15.00, and EUR 20.00 at 1.3 = 15.38.
  control.recordCashCredit(UK, { kind: "overpayment", contactId: contactID, amount: 15, date: "2025-01-29" });
  control.recordCashCredit(UK, { kind: "prepayment", contactId: contactID, amount: 20, date: "2025-01-29", currencyCode: "EUR", currencyRate: 1.3 });
  control.recordBankTransaction(UK, { type: "SPEND", amount: 1000, accountCode: "469", date: "2025-01-05", reference: "Office rent" });
  control.recordBankTransaction(UK, { type: "RECEIVE", amount: 12.34, accountCode: "270", bankAccountCode: "091", date: "2025-01-07", reference: "Interest" });
  control.recordBankTransaction(UK, { type: "SPEND", amount: 200, accountCode: "400", date: "2024-12-20", reference: "Online ads" });
});
afterAll(() => sandbox.close());

/** A report as lines: "# Title" for each section, then each row's cell values. */
function lines(report: ReportWithRow | undefined): string[][] {
  const out: string[][] = [];
  for (const row of report!.rows!) {
    if (String(row.rowType) === "Section") out.push([`# ${row.title ?? ""}`]);
    for (const r of [row, ...(row.rows ?? [])]) if (r.cells?.length) out.push(r.cells.map((c) => c.value ?? ""));
  }
  return out;
}

describe("reports compute from the organisation's own books, in base currency at each document's rate", () => {
  it("Profit and Loss: invoices less credit notes, bank income and spending, bills; drafts and voids left out; a comparison month", async () => {
    const res = await xero.accountingApi.getReportProfitAndLoss(UK, "2025-01-01", "2025-01-31", 1, "MONTH");
    const report = res.body.reports![0];
    expect(report.reportTitles).toEqual(["Profit and Loss", "Demo Company (UK)", "1 January 2025 to 31 January 2025"]);
    expect(lines(report)).toEqual([
      ["", "31 Jan 25", "31 Dec 24"],
      ["# Income"],
      ["Sales", "177.47", "0.00"],
      ["Other Revenue", "8.58", "0.00"],
      ["Interest Income", "12.34", "0.00"],
      ["Total Income", "198.39", "0.00"],
      ["# "],
      ["Gross Profit", "198.39", "0.00"],
      ["# Less Operating Expenses"],
      ["Advertising", "0.00", "200.00"],
      ["Rent", "1000.00", "0.00"],
      ["Travel - National", "250.00", "0.00"],
      ["Total Operating Expenses", "1250.00", "200.00"],
      ["# "],
      ["Net Profit", "-1051.61", "-200.00"],
    ]);
  });

  it("Bank Summary: payments at their own rate, bank transactions and the cash behind overpayments and prepayments", async () => {
    const res = await xero.accountingApi.getReportBankSummary(UK, "2025-01-01", "2025-01-31");
    expect(lines(res.body.reports![0])).toEqual([
      ["Bank Accounts", "Opening Balance", "Cash Received", "Cash Spent", "Closing Balance"],
      ["# "],
      // 60.00 + 43.01 + 15.00 + 15.38
      ["Business Bank Account", "-200.00", "133.39", "1000.00", "-1066.61"],
      ["Business Savings Account", "0.00", "12.34", "0.00", "12.34"],
      ["Total", "-200.00", "145.73", "1000.00", "-1054.27"],
    ]);
  });

  it("Balance Sheet: bank balances, Accounts Receivable (AmountDue less unallocated credit, in base), payables and equity, as at a date and a month before", async () => {
    const res = await xero.accountingApi.getReportBalanceSheet(UK, "2025-02-28", 1, "MONTH");
    const report = res.body.reports![0];
    expect(report).toMatchObject({ reportID: "BalanceSheet", reportName: "Balance Sheet", reportTitles: ["Balance Sheet", "Demo Company (UK)", "As at 28 February 2025"] });
    expect(lines(report)).toEqual([
      ["", "28 Feb 2025", "31 Jan 2025"],
      ["# Assets"],
      ["# Bank"],
      ["Business Bank Account", "-1066.61", "-1066.61"],
      ["Business Savings Account", "12.34", "12.34"],
      ["Total Bank", "-1054.27", "-1054.27"],
      ["# Current Assets"],
      // January: 60.00 + 42.74 + 8.58 owed, less 8.00 + 15.00 + 15.38 held as credit; February adds 40.00.
      ["Accounts Receivable", "112.94", "72.94"],
      ["Total Current Assets", "112.94", "72.94"],
      ["# "],
      ["Total Assets", "-941.33", "-981.33"],
      ["# Liabilities"],
      ["# Current Liabilities"],
      ["Accounts Payable", "300.00", "300.00"],
      ["Total Current Liabilities", "300.00", "300.00"],
      ["# "],
      ["Total Liabilities", "300.00", "300.00"],
      ["# "],
      ["Net Assets", "-1241.33", "-1281.33"],
      ["# Equity"],
      ["Current Year Earnings", "-1011.61", "-1051.61"],
      // Last year's -200.00, the 20.00 VAT collected and 50.00 paid that the sandbox posts nowhere, and the 0.28 exchange gain on the euro payment.
      ["Retained Earnings", "-229.72", "-229.72"],
      ["Total Equity", "-1241.33", "-1281.33"],
    ]);
    const ar = report.rows!.find((r) => r.title === "Current Assets")!.rows![0].cells![1];
    expect(ar.attributes).toEqual([{ value: sandbox.sandbox.org(UK)!.accountByCode("610")!.AccountID, id: "account" }]);
  });

  it("Balance Sheet before the first document: only last year's spending", async () => {
    const res = await xero.accountingApi.getReportBalanceSheet(UK, "2024-12-31");
    const rows = lines(res.body.reports![0]);
    expect(rows[0]).toEqual(["", "31 Dec 2024"]);
    expect(rows.filter((r) => r.length > 1).slice(1).map((r) => r.join(" "))).toEqual([
      "Business Bank Account -200.00",
      "Business Savings Account 0.00",
      "Total Bank -200.00",
      "Accounts Receivable 0.00",
      "Total Current Assets 0.00",
      "Total Assets -200.00",
      "Accounts Payable 0.00",
      "Total Current Liabilities 0.00",
      "Total Liabilities 0.00",
      "Net Assets -200.00",
      "Current Year Earnings -200.00",
      "Retained Earnings 0.00",
      "Total Equity -200.00",
    ]);
  });

  it("Balance Sheet needs its own granular scope, refuses a bad date, and compares quarters back from a month end", async () => {
    const narrow = xeroFor(sandbox, ALL_SCOPES.filter((s) => s !== "accounting.reports.balancesheet.read"), "state-narrow");
    await connect(sandbox, narrow);
    const refused = await failure(narrow.accountingApi.getReportBalanceSheet(UK, "2025-01-31"));
    expect(refused.status).toBe(401);
    expect(refused.headers["www-authenticate"]).toBe('Bearer error="insufficient_scope"');
    expect((await failure(xero.accountingApi.getReportBalanceSheet(UK, "not-a-date"))).status).toBe(400);
    const quarters = await xero.accountingApi.getReportBalanceSheet(UK, "2025-04-30", 2, "QUARTER");
    expect(lines(quarters.body.reports![0])[0]).toEqual(["", "30 Apr 2025", "31 Jan 2025", "31 Oct 2024"]);
  });
});
