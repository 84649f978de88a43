import { randomUUID } from "node:crypto";
import { addDays, addMonths, round2 } from "../accounting/format";
import { noFaults, type FaultState } from "../faults";
import { revokeGrant } from "../identity/tokens";
import type { LimitConfig } from "../limits";
import type { Sandbox } from "../sandbox";
import type { Organisation } from "../store/organisation";
import type { CreditNoteRec, InvoiceRec } from "../store/types";
import { applyAllocation } from "../accounting/credit-notes";
import { dayRate } from "../accounting/currency-rate";
import { exchangeRateTable, setExchangeRate } from "./exchange-rates";
import { recordBankTransaction, type BankTransactionInput } from "./bank-transactions";
import { allocateCashCredit, recordCashCredit, type CashCreditInput } from "./cash-credits";
import { extraOrganisation, seedOrganisations, type SeedName } from "../seed";

export class ControlError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The accountant on the other side, and the chaos monkey: what the /__sandbox API and tests use
 * to change Xero's side and inject failures. Changes bump UpdatedDateUTC and fire webhooks, as
 * edits made in Xero itself do.
 */
export class SandboxControl {
  constructor(private readonly sandbox: Sandbox) {}

  private org(tenantId: string): Organisation {
    const org = this.sandbox.org(tenantId);
    if (!org) throw new ControlError(404, `No organisation ${tenantId} in this sandbox`);
    return org;
  }

  private invoice(tenantId: string, id: string): { org: Organisation; inv: InvoiceRec } {
    const org = this.org(tenantId);
    const inv = org.invoices.get(id) ?? [...org.invoices.values()].find((i) => i.InvoiceNumber === id);
    if (!inv) throw new ControlError(404, `No invoice ${id}`);
    return { org, inv };
  }

  private touchInvoice(org: Organisation, inv: InvoiceRec, change: string): void {
    inv.UpdatedDateUTC = this.sandbox.clock.now();
    inv.History.push({ Changes: change, DateUTC: inv.UpdatedDateUTC, User: "Sandbox Accountant", Details: `${change} in the sandbox control plane.` });
    org.invoices.touched();
    this.sandbox.webhooks.emit({ resourceUrl: `${this.sandbox.baseUrl}/api.xro/2.0/Invoices/${inv.InvoiceID}`, resourceId: inv.InvoiceID, eventType: "UPDATE", eventCategory: "INVOICE", tenantId: org.tenantId });
    this.sandbox.changed();
  }

  summary() {
    return [...this.sandbox.orgs.values()].map((o) => ({
      tenantId: o.tenantId,
      name: o.profile.name,
      baseCurrency: o.profile.baseCurrency,
      contacts: o.contacts.size,
      invoices: o.invoices.size,
      creditNotes: o.creditNotes.size,
      overpayments: o.overpayments.size,
      prepayments: o.prepayments.size,
      payments: o.payments.size,
      items: o.items.size,
      connectedApps: this.sandbox.appsConnectedTo(o.tenantId).map((a) => a.clientId),
    }));
  }

  /** A contact typed into Xero by the accountant: fires a CREATE webhook; names stay unique among active contacts, as at Xero. */
  addContact(tenantId: string, input: { name?: unknown; email?: unknown; phone?: unknown }) {
    const org = this.org(tenantId);
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (!name) throw new ControlError(400, "name is required: give the contact a name");
    if (org.activeContactByName(name)) throw new ControlError(409, `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`);
    const email = typeof input.email === "string" && input.email.trim() ? input.email.trim() : undefined;
    const phone = typeof input.phone === "string" && input.phone.trim() ? input.phone.trim() : undefined;
    const c = org.contacts.put({ ContactID: randomUUID(), ContactStatus: "ACTIVE", Name: name, EmailAddress: email, Addresses: [], Phones: phone ? [{ PhoneType: "DEFAULT", PhoneNumber: phone }] : [], UpdatedDateUTC: this.sandbox.clock.now() });
    this.sandbox.webhooks.emit({ resourceUrl: `${this.sandbox.baseUrl}/api.xro/2.0/Contacts/${c.ContactID}`, resourceId: c.ContactID, eventType: "CREATE", eventCategory: "CONTACT", tenantId: org.tenantId });
    this.sandbox.changed();
    return c;
  }

  editContact(tenantId: string, contactId: string, changes: { name?: string; email?: string; phone?: string; status?: "ACTIVE" | "ARCHIVED" }) {
    const org = this.org(tenantId);
    const c = org.contacts.get(contactId);
    if (!c) throw new ControlError(404, `No contact ${contactId}`);
    if (changes.name !== undefined) c.Name = changes.name;
    if (changes.email !== undefined) c.EmailAddress = changes.email;
    if (changes.status !== undefined) c.ContactStatus = changes.status;
    if (changes.phone !== undefined) {
      const phone = c.Phones.find((p) => p.PhoneType === "DEFAULT");
      if (phone) phone.PhoneNumber = changes.phone;
      else c.Phones.push({ PhoneType: "DEFAULT", PhoneNumber: changes.phone });
    }
    c.UpdatedDateUTC = this.sandbox.clock.now();
    org.contacts.touched();
    this.sandbox.webhooks.emit({ resourceUrl: `${this.sandbox.baseUrl}/api.xro/2.0/Contacts/${c.ContactID}`, resourceId: c.ContactID, eventType: "UPDATE", eventCategory: "CONTACT", tenantId: org.tenantId });
    this.sandbox.changed();
    return c;
  }

  approveInvoice(tenantId: string, id: string) {
    const { org, inv } = this.invoice(tenantId, id);
    if (inv.Status !== "DRAFT" && inv.Status !== "SUBMITTED") throw new ControlError(409, `Invoice is ${inv.Status}; only DRAFT or SUBMITTED can be approved`);
    inv.Status = "AUTHORISED";
    for (const line of inv.LineItems) {
      const item = org.itemByCode(line.ItemCode);
      if (item?.IsTrackedAsInventory) {
        item.QuantityOnHand = round2((item.QuantityOnHand ?? 0) - line.Quantity);
        item.UpdatedDateUTC = this.sandbox.clock.now();
        org.items.touched();
      }
    }
    this.touchInvoice(org, inv, "Approved");
    return inv;
  }

  /**
   * The customer answers a quote on its online page: ACCEPTED or DECLINED, from SENT only (as at
   * Xero). No webhook: Xero raises none for quotes, so the app learns it by polling.
   */
  answerQuote(tenantId: string, id: string, answer: "ACCEPTED" | "DECLINED") {
    const org = this.org(tenantId);
    const quote = org.quotes.get(id) ?? [...org.quotes.values()].find((q) => q.QuoteNumber === id);
    if (!quote) throw new ControlError(404, `No quote ${id}`);
    if (quote.Status !== "SENT") throw new ControlError(409, `Quote is ${quote.Status}; only a SENT quote can be accepted or declined`);
    quote.Status = answer;
    quote.UpdatedDateUTC = this.sandbox.clock.now();
    org.quotes.touched();
    this.sandbox.changed();
    return quote;
  }

  voidInvoice(tenantId: string, id: string) {
    const { org, inv } = this.invoice(tenantId, id);
    if (inv.Status !== "AUTHORISED" || inv.AmountPaid > 0 || inv.AmountCredited > 0) throw new ControlError(409, "Only an AUTHORISED invoice without payments or allocated credit can be voided");
    inv.Status = "VOIDED";
    inv.AmountDue = 0;
    this.touchInvoice(org, inv, "Voided");
    return inv;
  }

  markViewed(tenantId: string, id: string) {
    const { org, inv } = this.invoice(tenantId, id);
    inv.ViewedAt ??= this.sandbox.clock.now();
    // Xero exposes no "viewed" field or webhook; the history note is all an API client could see.
    inv.History.push({ Changes: "Viewed", DateUTC: this.sandbox.clock.now(), User: "Customer", Details: "The customer viewed the online invoice." });
    org.invoices.touched();
    this.sandbox.changed();
    return inv;
  }

  /** The accountant records money received; a foreign invoice's payment takes `currencyRate` or the day's rate. */
  recordPayment(tenantId: string, id: string, input: { amount?: number; date?: string; accountCode?: string; reconciled?: boolean; currencyRate?: number }) {
    const { org, inv } = this.invoice(tenantId, id);
    if (inv.Status !== "AUTHORISED") throw new ControlError(409, "Payments can only be made against Authorised documents");
    const amount = round2(input.amount ?? inv.AmountDue);
    if (amount <= 0 || amount > inv.AmountDue) throw new ControlError(400, "Payment amount exceeds the amount outstanding on this document");
    const account = org.accountByCode(input.accountCode ?? "090");
    if (!account) throw new ControlError(400, `No bank account ${input.accountCode}`);
    const date = input.date ?? this.sandbox.clock.today();
    if (input.currencyRate !== undefined && !(input.currencyRate > 0)) throw new ControlError(400, "currencyRate must be greater than zero");
    const rate = inv.CurrencyCode === org.profile.baseCurrency ? 1 : (input.currencyRate ?? dayRate(org, inv.CurrencyCode, date));
    org.payments.put({ PaymentID: randomUUID(), InvoiceID: inv.InvoiceID, AccountID: account.AccountID, Date: date, Amount: amount, CurrencyRate: rate, IsReconciled: input.reconciled ?? false, Status: "AUTHORISED", PaymentType: "ACCRECPAYMENT", UpdatedDateUTC: this.sandbox.clock.now() });
    inv.AmountPaid = round2(inv.AmountPaid + amount);
    inv.AmountDue = round2(inv.Total - inv.AmountPaid - inv.AmountCredited);
    if (inv.AmountDue <= 0) {
      inv.Status = "PAID";
      inv.FullyPaidOnDate = date;
    }
    this.touchInvoice(org, inv, inv.Status === "PAID" ? "Paid" : "Payment received");
    return inv;
  }

  /** Creates the invoices of every repeating invoice due by the sandbox's today; returns their ids. */
  /** The accountant credits part (or all) of an approved invoice: a credit note, allocated to it. */
  creditInvoice(tenantId: string, id: string, input: { amount?: number; reason?: string }) {
    const { org, inv } = this.invoice(tenantId, id);
    if (inv.Status !== "AUTHORISED") throw new ControlError(409, "Credit can only be allocated to Authorised invoices");
    const amount = round2(input.amount ?? inv.AmountDue);
    if (!(amount > 0) || amount > inv.AmountDue) throw new ControlError(400, "The credit is more than the amount due");
    const now = this.sandbox.clock.now();
    const cn: CreditNoteRec = {
      CreditNoteID: randomUUID(),
      CreditNoteNumber: org.nextCreditNoteNumber(),
      Type: "ACCRECCREDIT",
      ContactID: inv.ContactID,
      Date: this.sandbox.clock.today(),
      Status: "AUTHORISED",
      LineAmountTypes: "NoTax",
      LineItems: [{ LineItemID: randomUUID(), Description: input.reason ?? `Credit against ${inv.InvoiceNumber}`, Quantity: 1, UnitAmount: amount, AccountCode: "200", TaxType: "NONE", TaxAmount: 0, LineAmount: amount }],
      SubTotal: amount,
      TotalTax: 0,
      Total: amount,
      RemainingCredit: amount,
      Allocations: [],
      CurrencyCode: inv.CurrencyCode,
      CurrencyRate: inv.CurrencyRate,
      Reference: inv.InvoiceNumber,
      UpdatedDateUTC: now,
    };
    org.creditNotes.put(cn);
    applyAllocation(this.sandbox, org, cn, inv.InvoiceID, amount, cn.Date);
    this.sandbox.changed();
    return cn;
  }

  /** Cash from a customer beyond or ahead of its invoices: an overpayment or prepayment, optionally allocated at once. */
  recordCashCredit(tenantId: string, input: CashCreditInput) {
    return recordCashCredit(this.sandbox, this.org(tenantId), input);
  }

  /** Money spent or received straight through the bank (rent, interest), coded to an account. */
  recordBankTransaction(tenantId: string, input: BankTransactionInput) {
    return recordBankTransaction(this.sandbox, this.org(tenantId), input);
  }

  allocateCashCredit(tenantId: string, creditId: string, input: { invoiceId: string; amount?: number; date?: string }) {
    return allocateCashCredit(this.sandbox, this.org(tenantId), creditId, input);
  }

  runRepeatingInvoices(): string[] {
    const created: string[] = [];
    const today = this.sandbox.clock.today();
    for (const org of this.sandbox.orgs.values()) {
      for (const r of org.repeatingInvoices.values()) {
        while (r.Status === "AUTHORISED" && r.Schedule.NextScheduledDate && r.Schedule.NextScheduledDate <= today && (!r.Schedule.EndDate || r.Schedule.NextScheduledDate <= r.Schedule.EndDate)) {
          const date = r.Schedule.NextScheduledDate;
          const now = this.sandbox.clock.now();
          const inv = org.invoices.put({
            InvoiceID: randomUUID(),
            Type: "ACCREC",
            ContactID: r.ContactID,
            InvoiceNumber: org.nextInvoiceNumber(),
            Reference: r.Reference,
            Date: date,
            DueDate: addDays(date, r.Schedule.DueDate),
            LineAmountTypes: r.LineAmountTypes,
            Status: r.ApprovedForSending ? "AUTHORISED" : "DRAFT",
            SentToContact: r.ApprovedForSending,
            CurrencyCode: r.CurrencyCode,
            CurrencyRate: dayRate(org, r.CurrencyCode, date),
            SubTotal: r.SubTotal,
            TotalTax: r.TotalTax,
            Total: r.Total,
            AmountPaid: 0,
            AmountCredited: 0,
            AmountDue: r.Total,
            RepeatingInvoiceID: r.RepeatingInvoiceID,
            LineItems: structuredClone(r.LineItems),
            UpdatedDateUTC: now,
            History: [{ Changes: "Created", DateUTC: now, User: "Repeating invoice", Details: "Created from a repeating invoice" }],
          });
          created.push(inv.InvoiceID);
          this.sandbox.webhooks.emit({ resourceUrl: `${this.sandbox.baseUrl}/api.xro/2.0/Invoices/${inv.InvoiceID}`, resourceId: inv.InvoiceID, eventType: "CREATE", eventCategory: "INVOICE", tenantId: org.tenantId });
          r.Schedule.NextScheduledDate = r.Schedule.Unit === "WEEKLY" ? addDays(date, 7 * r.Schedule.Period) : addMonths(date, r.Schedule.Period);
          r.UpdatedDateUTC = now;
          org.repeatingInvoices.touched();
        }
      }
    }
    this.sandbox.changed();
    return created;
  }

  advanceClock(seconds: number): { now: string } {
    if (!Number.isFinite(seconds) || seconds < 0) throw new ControlError(400, "seconds must be a positive number");
    this.sandbox.clock.advance(seconds * 1000);
    return { now: new Date(this.sandbox.clock.now()).toISOString() };
  }

  setFaults(changes: Partial<FaultState>): FaultState {
    this.sandbox.faults = { ...this.sandbox.faults, ...changes };
    return this.sandbox.faults;
  }

  clearFaults(): FaultState {
    this.sandbox.faults = noFaults();
    return this.sandbox.faults;
  }

  setLimits(changes: Partial<LimitConfig>): LimitConfig {
    this.sandbox.limiter.config = { ...this.sandbox.limiter.config, ...changes };
    this.sandbox.limiter.reset();
    return this.sandbox.limiter.config;
  }

  /** Sets the day rate of a foreign currency: units of it per one base unit, as Xero's CurrencyRate means. */
  setExchangeRate(tenantId: string, currency: string, date: string, rate: number) {
    const result = setExchangeRate(this.org(tenantId), currency, date, rate);
    this.sandbox.changed();
    return result;
  }

  /** The organisation's day-rate table, per currency and day. */
  exchangeRates(tenantId: string) {
    return exchangeRateTable(this.org(tenantId));
  }

  setContactLimit(tenantId: string, limit: number | null) {
    this.org(tenantId).contactLimit = limit;
    return { tenantId, limit };
  }

  /** Every access token issued so far stops working (as if 30 minutes had passed for them). */
  expireAccessTokens(): number {
    let n = 0;
    for (const t of this.sandbox.identity.accessTokens.values()) {
      if (t.expiresAt > this.sandbox.clock.now()) {
        t.expiresAt = this.sandbox.clock.now() - 1;
        n++;
      }
    }
    return n;
  }

  /** Revokes every consent of an app: refresh answers invalid_grant, the app is disconnected everywhere. */
  revokeApp(clientId: string): number {
    const grants = [...this.sandbox.identity.grants.values()].filter((g) => g.clientId === clientId && !g.revoked);
    grants.forEach((g) => revokeGrant(this.sandbox, g.id));
    this.sandbox.changed();
    return grants.length;
  }

  /** The organisation removes the app inside Xero: tokens still refresh, tenant calls answer 403. */
  disconnectTenant(tenantId: string, clientId?: string): number {
    const before = this.sandbox.identity.connections.length;
    this.sandbox.identity.connections = this.sandbox.identity.connections.filter((c) => !(c.tenantId.toLowerCase() === tenantId.toLowerCase() && (!clientId || c.clientId === clientId)));
    this.sandbox.changed();
    return before - this.sandbox.identity.connections.length;
  }

  setWebhook(clientId: string, url: string | null, key?: string) {
    const app = this.sandbox.identity.apps.get(clientId);
    if (!app) throw new ControlError(404, `No app ${clientId}`);
    app.webhook = { url, key: key ?? app.webhook.key };
    this.sandbox.changed();
    return app.webhook;
  }

  registerApp(app: { clientId: string; clientSecret: string | null; name?: string; redirectUris?: string[]; webhookKey?: string }) {
    this.sandbox.identity.apps.set(app.clientId, { clientId: app.clientId, clientSecret: app.clientSecret, name: app.name ?? app.clientId, redirectUris: app.redirectUris ?? [], allowLocalhost: !app.redirectUris?.length, webhook: { url: null, key: app.webhookKey ?? randomUUID() } });
    this.sandbox.changed();
  }

  async intentToReceive(clientId: string) {
    const app = this.sandbox.identity.apps.get(clientId);
    if (!app) throw new ControlError(404, `No app ${clientId}`);
    return this.sandbox.webhooks.intentToReceive(app);
  }

  flushWebhooks(): Promise<void> {
    return this.sandbox.webhooks.flush(this.sandbox.identity.apps);
  }

  /** Adds an organisation (a Xero user's second company) the app can then be consented to. */
  addOrganisation(input: { name: string; country?: "US" | "GB"; seed?: "demo" | "empty" }): { tenantId: string; name: string } {
    const tenantId = randomUUID();
    this.sandbox.addOrg(extraOrganisation({ tenantId, name: input.name, country: input.country ?? "US", seed: input.seed ?? "empty" }, this.sandbox.clock.now()));
    this.sandbox.changed();
    return { tenantId, name: input.name };
  }

  reset(seed: SeedName, bench?: { contacts: number; invoices: number }): void {
    this.sandbox.orgs = new Map(seedOrganisations(seed, this.sandbox.clock.now(), bench).map((o) => [o.tenantId, o]));
    this.sandbox.identity.connections = [];
    this.sandbox.limiter.reset();
    this.sandbox.requestLog.clear();
    this.sandbox.changed();
  }

  requests(filter?: { pathPrefix?: string; tenantId?: string }) {
    return this.sandbox.requestLog.list(filter);
  }
}
