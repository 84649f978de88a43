import { Collection } from "./collection";
import { ExchangeRates } from "./exchange-rates";
import type {
  AccountRec,
  BankTransactionRec,
  CashCreditRec,
  ContactRec,
  CreditNoteRec,
  InvoiceRec,
  ItemRec,
  PaymentRec,
  QuoteRec,
  RepeatingInvoiceRec,
  TaxRateRec,
} from "./types";

export interface OrganisationProfile {
  tenantId: string;
  name: string;
  legalName: string;
  baseCurrency: string;
  countryCode: string;
  timezone: string;
  shortCode: string;
  createdAt: number;
}

/** One Xero organisation ("tenant") and everything in its books. */
export class Organisation {
  readonly contacts = new Collection<ContactRec>((r) => r.ContactID);
  readonly invoices = new Collection<InvoiceRec>((r) => r.InvoiceID);
  readonly payments = new Collection<PaymentRec>((r) => r.PaymentID);
  readonly items = new Collection<ItemRec>((r) => r.ItemID);
  readonly quotes = new Collection<QuoteRec>((r) => r.QuoteID);
  readonly repeatingInvoices = new Collection<RepeatingInvoiceRec>((r) => r.RepeatingInvoiceID);
  readonly bankTransactions = new Collection<BankTransactionRec>((r) => r.BankTransactionID);
  readonly creditNotes = new Collection<CreditNoteRec>((r) => r.CreditNoteID);
  readonly overpayments = new Collection<CashCreditRec>((r) => r.ID);
  readonly prepayments = new Collection<CashCreditRec>((r) => r.ID);
  taxRates: TaxRateRec[] = [];
  accounts: AccountRec[] = [];
  currencies: { Code: string; Description: string }[] = [];
  /** Day rates of the organisation's foreign currencies (the base currency is always 1). */
  readonly exchangeRates = new ExchangeRates();
  invoiceSeq = 0;
  quoteSeq = 0;
  creditNoteSeq = 0;
  /** Xero plans cap the number of contacts; null is unlimited. */
  contactLimit: number | null = null;

  private paymentIndex: { version: number; byInvoice: Map<string, PaymentRec[]> } | null = null;
  private invoiceIndex: { version: number; byContact: Map<string, InvoiceRec[]> } | null = null;

  constructor(public profile: OrganisationProfile) {}

  /** Payments on one invoice, from an index rebuilt only after payments change. */
  paymentsFor(invoiceId: string): PaymentRec[] {
    if (this.paymentIndex?.version !== this.payments.version) {
      const byInvoice = new Map<string, PaymentRec[]>();
      for (const p of this.payments.values()) byInvoice.set(p.InvoiceID, [...(byInvoice.get(p.InvoiceID) ?? []), p]);
      this.paymentIndex = { version: this.payments.version, byInvoice };
    }
    return this.paymentIndex.byInvoice.get(invoiceId) ?? [];
  }

  /** Invoices of one contact, from an index rebuilt only after invoices change. */
  invoicesFor(contactId: string): InvoiceRec[] {
    if (this.invoiceIndex?.version !== this.invoices.version) {
      const byContact = new Map<string, InvoiceRec[]>();
      for (const inv of this.invoices.values()) {
        const list = byContact.get(inv.ContactID);
        if (list) list.push(inv);
        else byContact.set(inv.ContactID, [inv]);
      }
      this.invoiceIndex = { version: this.invoices.version, byContact };
    }
    return this.invoiceIndex.byContact.get(contactId) ?? [];
  }

  get tenantId(): string {
    return this.profile.tenantId;
  }

  nextCreditNoteNumber(): string {
    return `CN-${String(++this.creditNoteSeq).padStart(4, "0")}`;
  }

  nextInvoiceNumber(): string {
    let candidate: string;
    do candidate = `INV-${String(++this.invoiceSeq).padStart(4, "0")}`;
    while (this.invoiceNumberTaken(candidate));
    return candidate;
  }

  invoiceNumberTaken(number: string, exceptId?: string): boolean {
    const wanted = number.toLowerCase();
    for (const inv of this.invoices.values()) {
      if (inv.Type === "ACCREC" && inv.Status !== "DELETED" && inv.InvoiceNumber.toLowerCase() === wanted && inv.InvoiceID !== exceptId) return true;
    }
    return false;
  }

  accountByCode(code: string | undefined): AccountRec | undefined {
    if (!code) return undefined;
    return this.accounts.find((a) => a.Code?.toLowerCase() === code.toLowerCase() && a.Status === "ACTIVE");
  }

  taxRate(taxType: string | undefined): TaxRateRec | undefined {
    if (!taxType) return undefined;
    return this.taxRates.find((t) => t.TaxType.toUpperCase() === taxType.toUpperCase() && t.Status === "ACTIVE");
  }

  itemByCode(code: string | undefined): ItemRec | undefined {
    if (!code) return undefined;
    for (const item of this.items.values()) if (item.Code.toLowerCase() === code.toLowerCase()) return item;
    return undefined;
  }

  activeContactByName(name: string, exceptId?: string): ContactRec | undefined {
    const wanted = name.trim().toLowerCase();
    for (const c of this.contacts.values()) {
      if (c.ContactStatus === "ACTIVE" && c.Name.trim().toLowerCase() === wanted && c.ContactID !== exceptId) return c;
    }
    return undefined;
  }

  hasCurrency(code: string): boolean {
    return this.currencies.some((c) => c.Code === code.toUpperCase());
  }

  toJSON() {
    return {
      profile: this.profile,
      contacts: [...this.contacts.values()],
      invoices: [...this.invoices.values()],
      payments: [...this.payments.values()],
      items: [...this.items.values()],
      quotes: [...this.quotes.values()],
      repeatingInvoices: [...this.repeatingInvoices.values()],
      bankTransactions: [...this.bankTransactions.values()],
      creditNotes: [...this.creditNotes.values()],
      overpayments: [...this.overpayments.values()],
      prepayments: [...this.prepayments.values()],
      creditNoteSeq: this.creditNoteSeq,
      taxRates: this.taxRates,
      accounts: this.accounts,
      currencies: this.currencies,
      exchangeRates: this.exchangeRates.toJSON(),
      invoiceSeq: this.invoiceSeq,
      quoteSeq: this.quoteSeq,
      contactLimit: this.contactLimit,
    };
  }

  static fromJSON(data: ReturnType<Organisation["toJSON"]>): Organisation {
    const org = new Organisation(data.profile);
    data.contacts.forEach((r) => org.contacts.put(r));
    data.invoices.forEach((r) => org.invoices.put(r));
    data.payments.forEach((r) => org.payments.put(r));
    data.items.forEach((r) => org.items.put(r));
    data.quotes.forEach((r) => org.quotes.put(r));
    data.repeatingInvoices.forEach((r) => org.repeatingInvoices.put(r));
    data.bankTransactions.forEach((r) => org.bankTransactions.put(r));
    // Saved before credit notes existed: none.
    (data.creditNotes ?? []).forEach((r) => org.creditNotes.put(r));
    org.creditNoteSeq = data.creditNoteSeq ?? 0;
    // Saved before overpayments and prepayments existed: none.
    (data.overpayments ?? []).forEach((r) => org.overpayments.put(r));
    (data.prepayments ?? []).forEach((r) => org.prepayments.put(r));
    org.taxRates = data.taxRates;
    org.accounts = data.accounts;
    org.currencies = data.currencies;
    // Saved before the sandbox kept rates: none (documents then take the reference rates).
    org.exchangeRates.load(data.exchangeRates ?? {});
    org.invoiceSeq = data.invoiceSeq;
    org.quoteSeq = data.quoteSeq;
    org.contactLimit = data.contactLimit;
    return org;
  }
}
