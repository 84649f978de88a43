import { randomUUID } from "node:crypto";
import { addDays, round2 } from "../accounting/format";
import { Organisation } from "../store/organisation";
import { chartOfAccounts, US_TAX_RATES } from "./reference-data";

export const BENCH_TENANT = "b3c4d5e6-0000-4000-8000-00000000be01";

/**
 * A large organisation for benchmarks: N contacts, M invoices spread over them and P payments, in
 * Xero's order. Every third invoice is paid in full by a payment; further payments (when P asks for
 * more) pay half of open invoices.
 */
export function benchOrganisation(now: number, sizes: { contacts: number; invoices: number; payments?: number }): Organisation {
  const org = new Organisation({ tenantId: BENCH_TENANT, name: "Bench Company", legalName: "Bench Company Inc", baseCurrency: "USD", countryCode: "US", timezone: "UTC", shortCode: "!bench", createdAt: now - 3 * 365 * 86_400_000 });
  org.taxRates = structuredClone(US_TAX_RATES);
  org.accounts = chartOfAccounts(now, "NONE", "INPUT", "USD");
  org.currencies = [{ Code: "USD", Description: "United States Dollar" }];
  const contactIds: string[] = [];
  const start = now - sizes.invoices * 1000 - sizes.contacts;
  for (let i = 0; i < sizes.contacts; i++) {
    const id = randomUUID();
    contactIds.push(id);
    org.contacts.put({ ContactID: id, ContactNumber: `B-${i}`, ContactStatus: "ACTIVE", Name: `Bench Customer ${i}`, EmailAddress: `customer${i}@bench.example`, Addresses: [], Phones: [], UpdatedDateUTC: start + i });
  }
  const today = new Date(now).toISOString().slice(0, 10);
  for (let i = 0; i < sizes.invoices; i++) {
    const amount = round2(100 + (i % 97) * 13.5);
    const date = addDays(today, -(i % 700));
    org.invoices.put({
      InvoiceID: randomUUID(),
      Type: "ACCREC",
      ContactID: contactIds[i % Math.max(1, contactIds.length)] ?? randomUUID(),
      InvoiceNumber: `INV-${String(i + 1).padStart(6, "0")}`,
      Date: date,
      DueDate: addDays(date, 30),
      LineAmountTypes: "Exclusive",
      Status: i % 3 === 0 ? "PAID" : "AUTHORISED",
      SentToContact: true,
      CurrencyCode: "USD",
      CurrencyRate: 1,
      SubTotal: amount,
      TotalTax: 0,
      Total: amount,
      AmountPaid: i % 3 === 0 ? amount : 0,
      AmountCredited: 0,
      AmountDue: i % 3 === 0 ? 0 : amount,
      LineItems: [{ LineItemID: randomUUID(), Description: "Services", Quantity: 1, UnitAmount: amount, AccountCode: "200", TaxType: "NONE", TaxAmount: 0, LineAmount: amount }],
      UpdatedDateUTC: start + sizes.contacts + i * 1000,
      History: [],
    });
  }
  org.invoiceSeq = sizes.invoices;
  const bank = org.accountByCode("090")!;
  const wanted = sizes.payments ?? Math.floor(sizes.invoices / 3);
  const invoices = [...org.invoices.values()];
  const paid = invoices.filter((inv) => inv.Status === "PAID");
  const open = invoices.filter((inv) => inv.Status === "AUTHORISED");
  let made = 0;
  const pay = (inv: (typeof invoices)[number], amount: number) => {
    org.payments.put({ PaymentID: randomUUID(), InvoiceID: inv.InvoiceID, AccountID: bank.AccountID, Date: addDays(inv.Date, 10), Amount: amount, CurrencyRate: 1, IsReconciled: true, Status: "AUTHORISED", PaymentType: "ACCRECPAYMENT", UpdatedDateUTC: inv.UpdatedDateUTC + 1 });
    made++;
  };
  for (const inv of paid) {
    if (made >= wanted) break;
    pay(inv, inv.Total);
  }
  for (const inv of open) {
    if (made >= wanted) break;
    const half = round2(inv.Total / 2);
    pay(inv, half);
    inv.AmountPaid = half;
    inv.AmountDue = round2(inv.Total - half);
  }
  return org;
}
