import { randomUUID } from "node:crypto";
import { addDays, round2 } from "../accounting/format";
import { Organisation } from "../store/organisation";
import { chartOfAccounts, US_TAX_RATES } from "./reference-data";

export const BENCH_TENANT = "b3c4d5e6-0000-4000-8000-00000000be01";

/** A large organisation for benchmarks: N contacts, M invoices spread over them, in Xero's order. */
export function benchOrganisation(now: number, sizes: { contacts: number; invoices: number }): Organisation {
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
  return org;
}
