/** The sandbox's records, kept in Xero's own field names so serialising them is a plain copy. */

export interface Address {
  AddressType: "POBOX" | "STREET" | "DELIVERY";
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
  AttentionTo?: string;
}

export interface Phone {
  PhoneType: "DEFAULT" | "DDI" | "MOBILE" | "FAX" | "OFFICE";
  PhoneNumber?: string;
  PhoneAreaCode?: string;
  PhoneCountryCode?: string;
}

export interface ContactRec {
  ContactID: string;
  ContactNumber?: string;
  AccountNumber?: string;
  ContactStatus: "ACTIVE" | "ARCHIVED" | "GDPRREQUEST";
  Name: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  TaxNumber?: string;
  Website?: string;
  DefaultCurrency?: string;
  Addresses: Address[];
  Phones: Phone[];
  PaymentTerms?: { Sales?: { Day: number; Type: string } };
  UpdatedDateUTC: number;
}

export interface LineItemRec {
  LineItemID: string;
  Description?: string;
  Quantity: number;
  UnitAmount: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType?: string;
  TaxAmount: number;
  LineAmount: number;
  DiscountRate?: number;
}

export type InvoiceStatus = "DRAFT" | "SUBMITTED" | "AUTHORISED" | "PAID" | "VOIDED" | "DELETED";
export type LineAmountTypes = "Exclusive" | "Inclusive" | "NoTax";

export interface HistoryRec {
  Changes: string;
  DateUTC: number;
  User: string;
  Details: string;
}

export interface InvoiceRec {
  InvoiceID: string;
  Type: "ACCREC" | "ACCPAY";
  ContactID: string;
  InvoiceNumber: string;
  Reference?: string;
  Date: string; // YYYY-MM-DD
  DueDate?: string;
  LineAmountTypes: LineAmountTypes;
  Status: InvoiceStatus;
  SentToContact: boolean;
  CurrencyCode: string;
  CurrencyRate: number;
  SubTotal: number;
  TotalTax: number;
  Total: number;
  AmountPaid: number;
  AmountCredited: number;
  AmountDue: number;
  FullyPaidOnDate?: string;
  RepeatingInvoiceID?: string;
  LineItems: LineItemRec[];
  UpdatedDateUTC: number;
  /** When the customer first opened the online invoice (the sandbox's own tracking). */
  ViewedAt?: number;
  History: HistoryRec[];
}

/** A sales credit note (ACCRECCREDIT): its credit is allocated to invoices, which then owe less. */
export interface CreditNoteRec extends CreditFields {
  CreditNoteID: string;
  CreditNoteNumber: string;
  Type: "ACCRECCREDIT";
  Status: "DRAFT" | "SUBMITTED" | "AUTHORISED" | "PAID" | "VOIDED" | "DELETED";
}

/** What every credit a contact holds has (credit notes, overpayments, prepayments): lines, totals, what is left and where it went. */
interface CreditFields {
  ContactID: string;
  Date: string;
  LineAmountTypes: LineAmountTypes;
  LineItems: LineItemRec[];
  SubTotal: number;
  TotalTax: number;
  Total: number;
  RemainingCredit: number;
  Allocations: { AllocationID: string; InvoiceID: string; Amount: number; Date: string }[];
  CurrencyCode: string;
  CurrencyRate: number;
  Reference?: string;
  UpdatedDateUTC: number;
}

/**
 * Cash a customer paid beyond an invoice (overpayment) or before one (prepayment): Xero keeps it as
 * a credit of the contact and allocates it to invoices later, which then show it in AmountCredited.
 */
export interface CashCreditRec extends CreditFields {
  ID: string;
  Kind: "overpayment" | "prepayment";
  Status: "AUTHORISED" | "PAID" | "VOIDED";
  /** The bank account the cash arrived in (Xero's RECEIVE-* bank transaction); saved before it was kept: none. */
  BankAccountID?: string;
}

export interface PaymentRec {
  PaymentID: string;
  InvoiceID: string;
  AccountID: string;
  Date: string;
  Amount: number;
  CurrencyRate: number;
  Reference?: string;
  IsReconciled: boolean;
  Status: "AUTHORISED" | "DELETED";
  PaymentType: "ACCRECPAYMENT" | "ACCPAYPAYMENT";
  UpdatedDateUTC: number;
}

export interface ItemRec {
  ItemID: string;
  Code: string;
  Name?: string;
  Description?: string;
  IsSold: boolean;
  IsPurchased: boolean;
  IsTrackedAsInventory: boolean;
  InventoryAssetAccountCode?: string;
  QuantityOnHand?: number;
  TotalCostPool?: number;
  SalesDetails?: { UnitPrice?: number; AccountCode?: string; TaxType?: string };
  PurchaseDetails?: { UnitPrice?: number; AccountCode?: string; COGSAccountCode?: string; TaxType?: string };
  UpdatedDateUTC: number;
}

export interface TaxRateRec {
  Name: string;
  TaxType: string;
  Status: "ACTIVE" | "DELETED" | "ARCHIVED";
  ReportTaxType: string;
  CanApplyToRevenue: boolean;
  CanApplyToExpenses: boolean;
  DisplayTaxRate: number;
  EffectiveRate: number;
  TaxComponents: { Name: string; Rate: number; IsCompound: boolean; IsNonRecoverable: boolean }[];
}

export interface AccountRec {
  AccountID: string;
  Code?: string;
  Name: string;
  Type: string;
  Class: "ASSET" | "EQUITY" | "EXPENSE" | "LIABILITY" | "REVENUE";
  Status: "ACTIVE" | "ARCHIVED";
  TaxType?: string;
  EnablePaymentsToAccount: boolean;
  BankAccountNumber?: string;
  CurrencyCode?: string;
  UpdatedDateUTC: number;
}

export interface QuoteRec {
  QuoteID: string;
  QuoteNumber: string;
  ContactID: string;
  Date: string;
  ExpiryDate?: string;
  Status: "DRAFT" | "SENT" | "DECLINED" | "ACCEPTED" | "INVOICED" | "DELETED";
  LineAmountTypes: LineAmountTypes;
  CurrencyCode: string;
  Title?: string;
  Summary?: string;
  Reference?: string;
  LineItems: LineItemRec[];
  SubTotal: number;
  TotalTax: number;
  Total: number;
  UpdatedDateUTC: number;
}

export interface RepeatingInvoiceRec {
  RepeatingInvoiceID: string;
  Type: "ACCREC";
  ContactID: string;
  Schedule: {
    Period: number;
    Unit: "WEEKLY" | "MONTHLY";
    DueDate: number;
    DueDateType: "DAYSAFTERBILLDATE" | "DAYSAFTERBILLMONTH" | "OFCURRENTMONTH" | "OFFOLLOWINGMONTH";
    StartDate: string;
    NextScheduledDate?: string;
    EndDate?: string;
  };
  LineItems: LineItemRec[];
  LineAmountTypes: LineAmountTypes;
  Reference?: string;
  CurrencyCode: string;
  Status: "DRAFT" | "AUTHORISED" | "DELETED";
  ApprovedForSending: boolean;
  SubTotal: number;
  TotalTax: number;
  Total: number;
  UpdatedDateUTC: number;
}

export interface BankTransactionRec {
  BankTransactionID: string;
  Type: "RECEIVE" | "SPEND";
  ContactID?: string;
  BankAccountID: string;
  Date: string;
  Reference?: string;
  LineAmountTypes: LineAmountTypes;
  LineItems: LineItemRec[];
  SubTotal: number;
  TotalTax: number;
  Total: number;
  CurrencyCode: string;
  IsReconciled: boolean;
  Status: "AUTHORISED" | "DELETED";
  UpdatedDateUTC: number;
}
