import { json, text, type SandboxResponse } from "../http";

/** Xero's error answers, in its shapes and words (xero-notes.md). */

export interface ValidationMessage {
  Message: string;
}

export function validationException(elements: unknown[], message = "A validation exception occurred"): SandboxResponse {
  return json(400, { ErrorNumber: 10, Type: "ValidationException", Message: message, Elements: elements });
}

export function badRequestMessage(message: string): SandboxResponse {
  return json(400, { ErrorNumber: 10, Type: "ValidationException", Message: message, Elements: [] });
}

export function unauthorized(detail: string, headers: Record<string, string> = {}): SandboxResponse {
  return json(401, { Type: null, Title: "Unauthorized", Status: 401, Detail: detail, Instance: crypto.randomUUID(), Extensions: {} }, headers);
}

export function forbidden(): SandboxResponse {
  return json(403, { Type: null, Title: "Forbidden", Status: 403, Detail: "AuthenticationUnsuccessful", Instance: crypto.randomUUID(), Extensions: {} });
}

/**
 * The user behind the connection lacks a Xero role for this (reports need "Reports" access): the
 * connection itself is fine. Detail text unverified against a real Xero (no Xero reachable here).
 */
export function permissionDenied(): SandboxResponse {
  return json(403, { Type: null, Title: "Forbidden", Status: 403, Detail: "AuthorizationUnsuccessful", Instance: crypto.randomUUID(), Extensions: {} });
}

export const notFound = () => text(404, "The resource you're looking for cannot be found");

export const serviceUnavailable = (reason = "The Xero API is temporarily unavailable. Please try again later.") => text(503, reason);

export const internalError = () =>
  json(500, { Type: null, Title: "An error occurred", Status: 500, Detail: "An unexpected error occurred", Instance: crypto.randomUUID(), Extensions: {} });

/** Exact validation texts Xero uses; the sync's error log shows them to people. */
export const MSG = {
  contactNameTaken: (name: string) =>
    `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
  contactIdentify: "The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber",
  accountCode: (code: string) => `Account code '${code}' is not a valid code for this document.`,
  taxTypeUnknown: (tax: string) => `The TaxType code ${tax} does not exist or cannot be used for this type of transaction.`,
  taxTypeAccount: (tax: string, code: string) => `The TaxType code '${tax}' cannot be used with account code '${code}'.`,
  itemCode: (code: string) => `Item code '${code}' is not valid`,
  currency: (ccy: string) => `Organisation is not subscribed to currency ${ccy}`,
  invoiceNumber: "Invoice # must be unique.",
  noLines: "One or more line items must be specified",
  email: "Email address must be valid.",
  paymentExceeds: "Payment amount exceeds the amount outstanding on this document",
  paymentStatus: "Payments can only be made against Authorised documents",
  invoiceStatus: "Invoice not of valid status for modification",
  sentToContact: "Only AUTHORISED invoices may have SentToContact updated.",
  // Unverified wording (no real Xero reachable to compare): the rules are Xero's, the texts ours.
  emailNotApproved: "Only invoices that are approved (AUTHORISED, SUBMITTED or PAID) can be emailed.",
  emailNoAddress: "The contact does not have an email address.",
  // Not confirmed against Xero's exact wording (no primary source); kept plain and stable.
  contactLimit: (limit: number) => `The organisation has reached its limit of ${limit} contacts.`,
  contactNotFound: "The contact could not be found.",
  invoiceNotFound: "Invoice could not be found",
  paymentAccount: (code: string) => `Account code '${code}' is not a valid code for this document.`,
  paymentReconciled: "Payment cannot be modified as it has been reconciled",
  itemCodeTaken: (code: string) => `Item code '${code}' already exists`,
  itemCodeLength: "Item code must not be more than 30 characters long",
  contactNumberLength: "The ContactNumber must not be more than 50 characters long",
  dateRequired: "Date must be specified",
  // Allocating an overpayment's or prepayment's credit (our wording; the rules are Xero's).
  creditAllocationStatus: "Credit can only be allocated to Authorised invoices",
  creditAllocationContact: "The invoice must belong to the same contact as the credit",
  creditAllocationCurrency: "The invoice must be in the same currency as the credit",
  creditAllocationExceeds: "The allocation amount is more than the credit remaining or the amount due",
  creditNotAuthorised: "Only an Authorised credit can be allocated",
  creditAmount: "The amount must be greater than zero",
  idempotencyMismatch: (key: string) => `Idempotency Key: ${key} is used with a different request.`,
  // Seen from Xero's PUT /Currencies (XeroAPI/Xero-Java#141) when no code arrives.
  currencyCodeMissing: "A currency code must be provided.",
  // Our wording: the rules are Xero's (a code from its CurrencyCode list; a rate above zero).
  currencyCodeInvalid: (code: string) => `'${code}' is not a valid currency code`,
  currencyRate: "The CurrencyRate must be a number greater than zero",
};
