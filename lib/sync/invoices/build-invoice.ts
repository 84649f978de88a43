import { CurrencyCode, Invoice, LineAmountTypes, type LineItem } from "xero-node";
import type { Customer, Deal, DealLine, InvoiceSettings, Product, QuoteLine } from "@/db/schema";
import { taxTypeFor } from "@/lib/billing/invoice-settings";
import type { SyncCause } from "../causes";
import { dealReference } from "./deal-reference";

/** What the organisation's Xero offers, from the mirrors: empty sets mean "not known yet", and Xero decides. */
export interface XeroReference {
  currencies: Set<string>;
  /** Active account codes. */
  accounts: Set<string>;
  /** Active tax types usable on sales. */
  salesTaxTypes: Set<string>;
  itemCodes: Set<string>;
}

/** What an invoice is made of: a deal, or a subscription's lines (its repeating invoice's template). */
export type InvoiceSource = Pick<Deal, "id" | "title" | "currency"> & { lines: Pick<DealLine, "productId" | "description" | "quantity" | "unitPrice" | "discountPercent">[] };

export interface InvoiceContext {
  deal: InvoiceSource;
  customer: Customer;
  products: Map<string, Product>;
  settings: InvoiceSettings;
  reference: XeroReference;
  orgPaymentTermDays: number;
  /** The organisation's today (its time zone). */
  today: string;
  /** Set when updating the deal's existing draft. */
  xeroInvoiceId: string | null;
  /** The deal's accepted quote, as Xero has it: the invoice is made of exactly its lines ("the numbers match"). */
  acceptedQuote?: { lines: QuoteLine[]; currency: string; lineAmountTypes: string | null } | null;
}

export type BuiltInvoice = { ok: true; invoice: Invoice } | { ok: false; cause: SyncCause; message: string };

const addDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A won deal as a Xero sales invoice. Each line goes through its product to Xero's item code, sales
 * account (else the organisation's default) and tax type (else the customer's location rule, else
 * the default); the due date follows the customer's payment terms (else the invoicing setting, else
 * the organisation's); the currency must be one the Xero organisation has enabled. Whatever Xero
 * would refuse and we can see coming is refused here, in words that say which product or setting
 * to fix, before a call is spent.
 */
export function buildInvoice(ctx: InvoiceContext): BuiltInvoice {
  const { deal, customer, settings, reference } = ctx;
  const what = `deal "${deal.title}"`;
  if (ctx.acceptedQuote) return invoiceFromQuote(ctx, ctx.acceptedQuote);
  if (!deal.lines.length) return { ok: false, cause: "required_fields_missing", message: `${what} has no lines: add the products sold, then retry.` };
  if (reference.currencies.size && !reference.currencies.has(deal.currency)) {
    return { ok: false, cause: "currency_not_enabled", message: `The Xero organisation is not subscribed to currency ${deal.currency}: enable ${deal.currency} in Xero (Settings -> Currencies) or change the currency of ${what}, then retry.` };
  }
  // Only a new invoice takes the setting's status (an update keeps the invoice's own).
  const approved = !ctx.xeroInvoiceId && settings.status === "AUTHORISED";
  const customerTax = taxTypeFor(settings, customer);
  const lines: LineItem[] = [];
  for (const line of deal.lines) {
    const product = line.productId ? ctx.products.get(line.productId) : undefined;
    const label = product ? `product ${product.code}` : `line "${line.description}"`;
    // A product's mapping names its item; a product the items push linked goes by its own code.
    const itemCode = product?.xeroItemCode?.trim() || (product?.xeroItemId ? product.code : null);
    if (itemCode && reference.itemCodes.size && !reference.itemCodes.has(itemCode.toLowerCase())) {
      return { ok: false, cause: "invalid_item_code", message: `Item code '${itemCode}' of ${label} does not exist in Xero: fix the product's Xero item code, then retry ${what}.` };
    }
    const accountCode = product?.salesAccountCode ?? settings.defaultSalesAccountCode ?? null;
    if (accountCode && reference.accounts.size && !reference.accounts.has(accountCode)) {
      return { ok: false, cause: "invalid_account_code", message: `Account code '${accountCode}' is not valid for this document: map ${label} to one of Xero's sales accounts in Settings -> Invoicing (or on the product), then retry.` };
    }
    if (!accountCode && !itemCode && approved) {
      return { ok: false, cause: "required_fields_missing", message: `An approved invoice needs a sales account on every line: map ${label} to a sales account, or set a default sales account in Settings -> Invoicing.` };
    }
    const taxType = product?.taxType ?? customerTax;
    if (taxType && reference.salesTaxTypes.size && !reference.salesTaxTypes.has(taxType)) {
      return { ok: false, cause: "tax_rate_mismatch", message: `Tax type ${taxType} (for ${label}) does not exist in Xero or cannot be used on sales: pick one of Xero's tax rates in Settings -> Invoicing, then retry.` };
    }
    const discount = Number(line.discountPercent);
    lines.push({
      description: line.description,
      quantity: Number(line.quantity),
      unitAmount: Number(line.unitPrice),
      ...(discount > 0 ? { discountRate: discount } : {}),
      ...(itemCode ? { itemCode } : {}),
      ...(accountCode ? { accountCode } : {}),
      ...(taxType ? { taxType } : {}),
    });
  }
  const terms = customer.paymentTermDays ?? settings.paymentTermDays ?? ctx.orgPaymentTermDays;
  const invoice: Invoice = {
    ...(ctx.xeroInvoiceId ? { invoiceID: ctx.xeroInvoiceId } : {}),
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactID: customer.xeroContactId! },
    // An update keeps the invoice's own dates; a new invoice is dated today, due after the terms.
    ...(ctx.xeroInvoiceId ? {} : { date: ctx.today, dueDate: addDays(ctx.today, terms) }),
    lineAmountTypes: LineAmountTypes.Exclusive,
    reference: dealReference(deal.title, deal.id),
    currencyCode: deal.currency as unknown as CurrencyCode,
    // The setting decides a new invoice's status; an update sends none, so Xero keeps the one the
    // invoice has (a deal edit never sends a SUBMITTED invoice back to DRAFT nor approves a draft).
    ...(ctx.xeroInvoiceId ? {} : { status: approved ? Invoice.StatusEnum.AUTHORISED : Invoice.StatusEnum.DRAFT }),
    lineItems: lines,
  };
  return { ok: true, invoice };
}

/** The invoice of an accepted quote: its lines, prices, tax and currency as Xero accepted them, nothing re-mapped. */
function invoiceFromQuote(ctx: InvoiceContext, quote: NonNullable<InvoiceContext["acceptedQuote"]>): BuiltInvoice {
  const { deal, customer, settings } = ctx;
  if (!quote.lines.length) return { ok: false, cause: "required_fields_missing", message: `The accepted quote of deal "${deal.title}" has no lines in Xero.` };
  const approved = !ctx.xeroInvoiceId && settings.status === "AUTHORISED";
  const terms = customer.paymentTermDays ?? settings.paymentTermDays ?? ctx.orgPaymentTermDays;
  const lines: LineItem[] = [];
  for (const l of quote.lines) {
    // A quote needs no accounts, an approved invoice does: a line without one takes today's default
    // (the numbers stay the quote's; only where they are booked is filled in).
    const accountCode = l.accountCode ?? (l.itemCode ? undefined : (settings.defaultSalesAccountCode ?? undefined));
    if (approved && !accountCode && !l.itemCode) {
      return { ok: false, cause: "required_fields_missing", message: `An approved invoice needs a sales account on every line: the accepted quote's line "${l.description ?? ""}" has none. Set a default sales account in Settings -> Invoicing, then retry deal "${deal.title}".` };
    }
    lines.push({
      description: l.description,
      quantity: l.quantity,
      unitAmount: l.unitAmount,
      ...(l.discountRate ? { discountRate: l.discountRate } : {}),
      ...(l.itemCode ? { itemCode: l.itemCode } : {}),
      ...(accountCode ? { accountCode } : {}),
      ...(l.taxType ? { taxType: l.taxType } : {}),
    });
  }
  const amountTypes = quote.lineAmountTypes === "Inclusive" ? LineAmountTypes.Inclusive : quote.lineAmountTypes === "NoTax" ? LineAmountTypes.NoTax : LineAmountTypes.Exclusive;
  return {
    ok: true,
    invoice: {
      ...(ctx.xeroInvoiceId ? { invoiceID: ctx.xeroInvoiceId } : {}),
      type: Invoice.TypeEnum.ACCREC,
      contact: { contactID: customer.xeroContactId! },
      ...(ctx.xeroInvoiceId ? {} : { date: ctx.today, dueDate: addDays(ctx.today, terms) }),
      lineAmountTypes: amountTypes,
      reference: dealReference(deal.title, deal.id),
      currencyCode: quote.currency as unknown as CurrencyCode,
      ...(ctx.xeroInvoiceId ? {} : { status: approved ? Invoice.StatusEnum.AUTHORISED : Invoice.StatusEnum.DRAFT }),
      lineItems: lines,
    },
  };
}
