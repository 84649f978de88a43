import type { Organisation } from "../store/organisation";
import type { CreditNoteRec, ContactRec, InvoiceRec, ItemRec, LineItemRec, PaymentRec, QuoteRec, RepeatingInvoiceRec, BankTransactionRec, AccountRec } from "../store/types";
import { toBase } from "./base-amount";
import { dayRate } from "./currency-rate";
import { dateString, dateValue, msDate } from "./format";

/** Records as Xero's JSON answers them (field names, /Date()/ dates, computed balances). */

export function contactJson(org: Organisation, c: ContactRec): Record<string, unknown> {
  let outstanding = 0;
  let overdue = 0;
  const today = new Date().toISOString().slice(0, 10);
  let isCustomer = false;
  let isSupplier = false;
  for (const inv of org.invoicesFor(c.ContactID)) {
    // Xero derives both flags from the contact's documents: sales invoices make a customer, bills a supplier.
    if (inv.Type === "ACCPAY" && inv.Status !== "DRAFT" && inv.Status !== "DELETED" && inv.Status !== "VOIDED") isSupplier = true;
    if (inv.Type !== "ACCREC") continue;
    if (inv.Status !== "DRAFT" && inv.Status !== "DELETED" && inv.Status !== "VOIDED") isCustomer = true;
    if (inv.Status === "AUTHORISED") {
      outstanding += inv.AmountDue;
      if (inv.DueDate && inv.DueDate < today) overdue += inv.AmountDue;
    }
  }
  return {
    ContactID: c.ContactID,
    ContactNumber: c.ContactNumber,
    AccountNumber: c.AccountNumber,
    ContactStatus: c.ContactStatus,
    Name: c.Name,
    FirstName: c.FirstName,
    LastName: c.LastName,
    EmailAddress: c.EmailAddress ?? "",
    TaxNumber: c.TaxNumber,
    Website: c.Website,
    DefaultCurrency: c.DefaultCurrency,
    Addresses: c.Addresses,
    Phones: c.Phones,
    PaymentTerms: c.PaymentTerms,
    UpdatedDateUTC: msDate(c.UpdatedDateUTC),
    ContactGroups: [],
    IsSupplier: isSupplier,
    IsCustomer: isCustomer,
    Balances: { AccountsReceivable: { Outstanding: round(outstanding), Overdue: round(overdue) }, AccountsPayable: { Outstanding: 0, Overdue: 0 } },
    HasAttachments: false,
    HasValidationErrors: false,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

export function lineJson(l: LineItemRec): Record<string, unknown> {
  return {
    LineItemID: l.LineItemID,
    Description: l.Description,
    Quantity: l.Quantity,
    UnitAmount: l.UnitAmount,
    ItemCode: l.ItemCode,
    AccountCode: l.AccountCode,
    TaxType: l.TaxType,
    TaxAmount: l.TaxAmount,
    LineAmount: l.LineAmount,
    DiscountRate: l.DiscountRate,
    Tracking: [],
  };
}

export function contactRef(org: Organisation, contactId: string): Record<string, unknown> {
  const c = org.contacts.get(contactId);
  return c ? { ContactID: c.ContactID, ContactNumber: c.ContactNumber, Name: c.Name, EmailAddress: c.EmailAddress ?? "", ContactStatus: c.ContactStatus, Addresses: c.Addresses, Phones: c.Phones, HasValidationErrors: false } : { ContactID: contactId };
}

export function paymentRef(p: PaymentRec): Record<string, unknown> {
  return { PaymentID: p.PaymentID, Date: dateValue(p.Date), Amount: p.Amount, Reference: p.Reference, CurrencyRate: p.CurrencyRate, HasAccount: false, HasValidationErrors: false };
}

export function creditNoteJson(org: Organisation, cn: CreditNoteRec): Record<string, unknown> {
  return {
    Type: cn.Type,
    CreditNoteID: cn.CreditNoteID,
    CreditNoteNumber: cn.CreditNoteNumber,
    Reference: cn.Reference ?? "",
    Contact: contactRef(org, cn.ContactID),
    DateString: dateString(cn.Date),
    Date: dateValue(cn.Date),
    Status: cn.Status,
    LineAmountTypes: cn.LineAmountTypes,
    LineItems: cn.LineItems.map(lineJson),
    SubTotal: cn.SubTotal,
    TotalTax: cn.TotalTax,
    Total: cn.Total,
    UpdatedDateUTC: msDate(cn.UpdatedDateUTC),
    CurrencyCode: cn.CurrencyCode,
    CurrencyRate: cn.CurrencyRate,
    RemainingCredit: cn.RemainingCredit,
    Allocations: cn.Allocations.map((a) => ({ AllocationID: a.AllocationID, Amount: a.Amount, Date: dateValue(a.Date), Invoice: { InvoiceID: a.InvoiceID } })),
    HasAttachments: false,
    HasErrors: false,
  };
}

export function invoiceJson(org: Organisation, inv: InvoiceRec, summary = false): Record<string, unknown> {
  const payments = org.paymentsFor(inv.InvoiceID).filter((p) => p.Status === "AUTHORISED");
  return {
    Type: inv.Type,
    InvoiceID: inv.InvoiceID,
    InvoiceNumber: inv.InvoiceNumber,
    Reference: inv.Reference ?? "",
    Payments: payments.map(paymentRef),
    CreditNotes: [],
    Prepayments: [],
    Overpayments: [],
    AmountDue: inv.AmountDue,
    AmountPaid: inv.AmountPaid,
    AmountCredited: inv.AmountCredited,
    CurrencyRate: inv.CurrencyRate,
    IsDiscounted: inv.LineItems.some((l) => (l.DiscountRate ?? 0) > 0),
    HasAttachments: false,
    HasErrors: false,
    Contact: contactRef(org, inv.ContactID),
    DateString: dateString(inv.Date),
    Date: dateValue(inv.Date),
    DueDateString: dateString(inv.DueDate),
    DueDate: dateValue(inv.DueDate),
    Status: inv.Status,
    LineAmountTypes: inv.LineAmountTypes,
    LineItems: summary ? [] : inv.LineItems.map(lineJson),
    SubTotal: inv.SubTotal,
    TotalTax: inv.TotalTax,
    Total: inv.Total,
    UpdatedDateUTC: msDate(inv.UpdatedDateUTC),
    CurrencyCode: inv.CurrencyCode,
    FullyPaidOnDate: dateValue(inv.FullyPaidOnDate),
    SentToContact: inv.SentToContact,
    RepeatingInvoiceID: inv.RepeatingInvoiceID,
  };
}

export function paymentJson(org: Organisation, p: PaymentRec): Record<string, unknown> {
  const inv = org.invoices.get(p.InvoiceID);
  const account = org.accounts.find((a) => a.AccountID === p.AccountID);
  // BankAmount is what reached the bank account, in its currency: a foreign invoice's payment into a
  // base-currency account (the sandbox's accounts all are) arrives as amount / rate.
  const bankCurrency = account?.CurrencyCode ?? org.profile.baseCurrency;
  return {
    PaymentID: p.PaymentID,
    Date: dateValue(p.Date),
    BankAmount: !inv || inv.CurrencyCode === bankCurrency ? p.Amount : toBase(p.Amount, p.CurrencyRate),
    Amount: p.Amount,
    Reference: p.Reference ?? "",
    CurrencyRate: p.CurrencyRate,
    PaymentType: p.PaymentType,
    Status: p.Status,
    UpdatedDateUTC: msDate(p.UpdatedDateUTC),
    HasAccount: true,
    IsReconciled: p.IsReconciled,
    Account: account ? { AccountID: account.AccountID, Code: account.Code, Name: account.Name } : { AccountID: p.AccountID },
    Invoice: inv
      ? { Type: inv.Type, InvoiceID: inv.InvoiceID, InvoiceNumber: inv.InvoiceNumber, Contact: contactRef(org, inv.ContactID), CurrencyCode: inv.CurrencyCode, Payments: [], CreditNotes: [], Prepayments: [], Overpayments: [], HasErrors: false, IsDiscounted: false, LineItems: [] }
      : { InvoiceID: p.InvoiceID },
    HasValidationErrors: false,
  };
}

export function itemJson(i: ItemRec): Record<string, unknown> {
  return {
    ItemID: i.ItemID,
    Code: i.Code,
    Name: i.Name,
    Description: i.Description,
    IsSold: i.IsSold,
    IsPurchased: i.IsPurchased,
    IsTrackedAsInventory: i.IsTrackedAsInventory,
    InventoryAssetAccountCode: i.InventoryAssetAccountCode,
    QuantityOnHand: i.IsTrackedAsInventory ? (i.QuantityOnHand ?? 0) : undefined,
    TotalCostPool: i.IsTrackedAsInventory ? (i.TotalCostPool ?? 0) : undefined,
    SalesDetails: i.SalesDetails ?? {},
    PurchaseDetails: i.PurchaseDetails ?? {},
    UpdatedDateUTC: msDate(i.UpdatedDateUTC),
  };
}

export function accountJson(a: AccountRec): Record<string, unknown> {
  return { ...a, UpdatedDateUTC: msDate(a.UpdatedDateUTC), HasAttachments: false, ShowInExpenseClaims: false, AddToWatchlist: false, ReportingCode: a.Class.slice(0, 3), BankAccountType: a.Type === "BANK" ? "BANK" : "" };
}

export function quoteJson(org: Organisation, q: QuoteRec): Record<string, unknown> {
  return {
    QuoteID: q.QuoteID,
    QuoteNumber: q.QuoteNumber,
    Reference: q.Reference,
    Terms: "",
    Contact: contactRef(org, q.ContactID),
    LineItems: q.LineItems.map(lineJson),
    Date: dateValue(q.Date),
    DateString: dateString(q.Date),
    ExpiryDate: dateValue(q.ExpiryDate),
    ExpiryDateString: dateString(q.ExpiryDate),
    Status: q.Status,
    CurrencyCode: q.CurrencyCode,
    // A quote posts nothing, so its rate is only indicative: the day's rate of its date, read now.
    CurrencyRate: dayRate(org, q.CurrencyCode, q.Date),
    SubTotal: q.SubTotal,
    TotalTax: q.TotalTax,
    Total: q.Total,
    Title: q.Title,
    Summary: q.Summary,
    // Quotes spell their amount types in capitals (QuoteLineAmountTypes in Xero's schema).
    LineAmountTypes: q.LineAmountTypes.toUpperCase(),
    UpdatedDateUTC: msDate(q.UpdatedDateUTC),
  };
}

export function repeatingInvoiceJson(org: Organisation, r: RepeatingInvoiceRec): Record<string, unknown> {
  return {
    RepeatingInvoiceID: r.RepeatingInvoiceID,
    ID: r.RepeatingInvoiceID,
    Type: r.Type,
    Reference: r.Reference,
    HasAttachments: false,
    ApprovedForSending: r.ApprovedForSending,
    SendCopy: false,
    MarkAsSent: false,
    IncludePDF: false,
    Contact: contactRef(org, r.ContactID),
    Schedule: {
      Period: r.Schedule.Period,
      Unit: r.Schedule.Unit,
      DueDate: r.Schedule.DueDate,
      DueDateType: r.Schedule.DueDateType,
      StartDate: dateValue(r.Schedule.StartDate),
      NextScheduledDate: dateValue(r.Schedule.NextScheduledDate),
      NextScheduledDateString: dateString(r.Schedule.NextScheduledDate),
      EndDate: dateValue(r.Schedule.EndDate),
    },
    Status: r.Status,
    LineAmountTypes: r.LineAmountTypes,
    LineItems: r.LineItems.map(lineJson),
    SubTotal: r.SubTotal,
    TotalTax: r.TotalTax,
    Total: r.Total,
    CurrencyCode: r.CurrencyCode,
  };
}

export function bankTransactionJson(org: Organisation, b: BankTransactionRec): Record<string, unknown> {
  const account = org.accounts.find((a) => a.AccountID === b.BankAccountID);
  return {
    BankTransactionID: b.BankTransactionID,
    Type: b.Type,
    Contact: b.ContactID ? contactRef(org, b.ContactID) : undefined,
    BankAccount: account ? { AccountID: account.AccountID, Code: account.Code, Name: account.Name } : { AccountID: b.BankAccountID },
    Date: dateValue(b.Date),
    DateString: dateString(b.Date),
    Reference: b.Reference,
    IsReconciled: b.IsReconciled,
    Status: b.Status,
    LineAmountTypes: b.LineAmountTypes,
    LineItems: b.LineItems.map(lineJson),
    SubTotal: b.SubTotal,
    TotalTax: b.TotalTax,
    Total: b.Total,
    CurrencyCode: b.CurrencyCode,
    UpdatedDateUTC: msDate(b.UpdatedDateUTC),
    HasAttachments: false,
  };
}
