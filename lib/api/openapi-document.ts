import { z } from "zod";
import { API_REQUESTS_PER_MINUTE } from "./api-rate-limit";
import { reportPaths, REPORT_SCHEMAS } from "./openapi-reports";
import { API_RESOURCES } from "./v1-resources";
import { syncStatusSchema } from "@/lib/sync/status/sync-status-schema";
import { DISPLAY_STATUSES } from "@/lib/billing/display-status";
import { paymentInput } from "@/lib/billing/payment-input";
import { quoteRequestInput } from "@/lib/billing/quote-input";

export const schemaOf = (s: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: "output", unrepresentable: "any" }) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-unused-vars
  return rest;
};

export const errorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: {
        code: { type: "string", enum: ["validation", "unauthenticated", "forbidden", "not_found", "conflict", "rate_limited", "internal"] },
        message: { type: "string" },
        fields: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } }, required: ["field", "message"] } },
      },
      required: ["code", "message", "fields"],
    },
  },
};

const errors = {
  "400": { description: "Invalid input: `fields` names each bad field and how to fix it.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "401": { description: "Missing, unknown or revoked API key.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "403": { description: "The key is read-only.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "429": { description: `More than ${API_REQUESTS_PER_MINUTE} requests in a minute with this key; see Retry-After.`, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
};
const notFoundAnswer = { "404": { description: "No such record in this organisation.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } };

/** The OpenAPI 3.1 document of the tenant API, built from the same zod schemas that validate requests. */
export function buildOpenApiDocument(serverUrl: string) {
  const schemas: Record<string, unknown> = { Error: errorSchema };
  const paths: Record<string, unknown> = {};
  for (const r of Object.values(API_RESOURCES)) {
    schemas[`${r.singular}Input`] = schemaOf(r.createSchema);
    schemas[`${r.singular}Patch`] = schemaOf(r.patchSchema);
    const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
    const one = { description: "The record (amounts are null when the key may not see amounts).", content: { "application/json": { schema: { type: "object", properties: { data: { type: "object" } } } } } };
    const idParam = [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }];
    paths[`/api/v1/${r.name}`] = {
      get: {
        summary: `List ${r.name} (oldest first)`,
        parameters: [
          { name: "cursor", in: "query", schema: { type: "string" }, description: "next_cursor from the previous page" },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 50 } },
        ],
        responses: {
          "200": { description: "A page", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { type: "object" } }, next_cursor: { type: ["string", "null"] } } } } } },
          ...errors,
        },
      },
      post: {
        summary: `Create a ${r.singular.toLowerCase()}`,
        parameters: [{ name: "Idempotency-Key", in: "header", schema: { type: "string", maxLength: 200 }, description: "Retrying with the same key and body within 24 hours replays the first answer instead of creating twice." }],
        requestBody: body(`${r.singular}Input`),
        responses: { "201": one, ...errors },
      },
    };
    paths[`/api/v1/${r.name}/{id}`] = {
      parameters: idParam,
      get: { summary: `Get a ${r.singular.toLowerCase()}`, responses: { "200": one, ...errors, ...notFoundAnswer } },
      patch: { summary: `Change a ${r.singular.toLowerCase()} (send only the fields to change)`, requestBody: body(`${r.singular}Patch`), responses: { "200": one, ...errors, ...notFoundAnswer } },
      delete: { summary: r.name === "products" ? "Archive a product" : `Delete a ${r.singular.toLowerCase()}`, responses: { "204": { description: "Done" }, ...errors, ...notFoundAnswer } },
    };
  }
  Object.assign(schemas, BILLING_SCHEMAS, REPORT_SCHEMAS);
  Object.assign(paths, billingPaths(), reportPaths(errors));
  return {
    openapi: "3.1.0",
    info: { title: "Ledgerbridge tenant API", version: "1", description: "Customers, deals, products and subscriptions of one organisation, its Xero invoices and payments, its reports, and the state of its sync. Authenticate with an organisation API key (Settings -> API keys) as `Authorization: Bearer lb_...`." },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } }, schemas },
    paths,
  };
}

const nullableString = { type: ["string", "null"] };
const BILLING_SCHEMAS = {
  Invoice: {
    type: "object",
    description: "A Xero sales invoice as last synced. Amounts are decimal strings, null when the key may not see amounts.",
    properties: {
      id: { type: "string", format: "uuid" },
      xeroInvoiceId: { type: "string" },
      number: nullableString,
      customerId: { type: ["string", "null"], format: "uuid" },
      dealId: { type: ["string", "null"], format: "uuid" },
      status: { type: "string", enum: ["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"] },
      currency: { type: "string" },
      total: nullableString,
      amountDue: nullableString,
      amountPaid: nullableString,
      dueDate: { type: ["string", "null"], format: "date" },
      paidAt: { type: ["string", "null"], format: "date" },
      sentToContact: { type: "boolean" },
      sentAt: { type: ["string", "null"], format: "date-time", description: "When we first saw it sent to the customer." },
      viewedAt: { type: ["string", "null"], format: "date-time", description: "When the customer first opened it by our tracked link." },
      displayStatus: { type: "string", enum: [...DISPLAY_STATUSES], description: "The first that applies: Voided (VOIDED or DELETED), Paid, Draft, Awaiting approval (SUBMITTED), Overdue (due date passed, amount due left; by the organisation's date), Part paid, Viewed, Sent, Approved (not sent yet)." },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  Payment: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      xeroPaymentId: { type: "string" },
      invoiceId: { type: ["string", "null"], format: "uuid" },
      xeroInvoiceId: { type: "string" },
      customerId: { type: ["string", "null"], format: "uuid" },
      date: { type: "string", format: "date" },
      amount: nullableString,
      currency: nullableString,
      status: { type: "string" },
      isReconciled: { type: "boolean" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  Quote: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      xeroQuoteId: { type: ["string", "null"] },
      number: { type: ["string", "null"] },
      dealId: { type: "string", format: "uuid" },
      customerId: { type: ["string", "null"], format: "uuid" },
      status: { type: "string", enum: ["PENDING", "DRAFT", "SENT", "DECLINED", "ACCEPTED", "INVOICED", "DELETED"] },
      currency: { type: "string" },
      total: nullableString,
      expiryDate: { type: ["string", "null"], format: "date" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  SyncStatus: syncStatusSchema,
};

/** The validating schema, with what its JSON Schema cannot say: the amount may be a decimal string, the date defaults. */
function paymentInputSchema() {
  const schema = schemaOf(paymentInput) as { properties: Record<string, Record<string, unknown>> };
  schema.properties.amount = { ...schema.properties.amount, type: ["string", "number"], description: "In the invoice's currency, more than 0, at most 2 decimals: \"120.50\" or 120.5" };
  schema.properties.date = { ...schema.properties.date, format: "date", description: "Default: today in the organisation's timezone" };
  schema.properties.bankAccountCode = { ...schema.properties.bankAccountCode, description: "A Xero BANK account's code; default: the one mapped in Settings -> Invoicing" };
  return schema;
}

function billingPaths() {
  const page = (ref: string) => ({ description: "A page, oldest change first", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { $ref: `#/components/schemas/${ref}` } }, next_cursor: { type: ["string", "null"] } } } } } });
  const q = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: "query", schema, description });
  const paging = [q("cursor", { type: "string" }, "next_cursor from the previous page"), q("limit", { type: "integer", minimum: 1, maximum: 100, default: 50 }, "page size")];
  return {
    "/api/v1/invoices": {
      get: {
        summary: "List the organisation's Xero sales invoices",
        description: "A filter not listed here answers 400 naming it (it would otherwise be ignored and answer every invoice).",
        parameters: [
          q("customerId", { type: "string", format: "uuid" }, "only this customer's"),
          q("dealId", { type: "string", format: "uuid" }, "only this deal's"),
          q("subscriptionId", { type: "string", format: "uuid" }, "only those this subscription's Xero repeating invoice generated"),
          q("status", { type: "string", enum: ["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"] }, "only this status"),
          q("updatedSince", { type: "string", format: "date-time" }, "changed in Xero at or after this time"),
          ...paging,
        ],
        responses: { "200": page("Invoice"), ...errors },
      },
    },
    "/api/v1/invoices/{id}/payments": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" }, description: "The invoice's id in this API (not Xero's)" }],
      post: {
        summary: "Record a payment on an approved invoice, into one of Xero's bank accounts",
        description:
          "Checked before Xero is called: the invoice must be approved (AUTHORISED), the amount more than 0 and at most what is still due (after payments already on their way), and bankAccountCode one of Xero's BANK accounts (optional when Settings -> Invoicing maps a default). Part payments are normal. An Idempotency-Key header makes a repeated request answer the same payment. Needs a key that can write and see amounts.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: paymentInputSchema(),
            },
          },
        },
        responses: {
          "201": { description: "Xero has the payment: { data: { id, xeroPaymentId, amount, date, bankAccountCode, reference, status: \"sent\" } }; the invoice's balance is updated." },
          "202": { description: "Xero did not answer in time (or is not connected): status \"pending\"; it goes out by itself, once." },
          "409": { description: "The invoice is not approved, or already paid." },
          ...errors,
          ...notFoundAnswer,
        },
      },
    },
    "/api/v1/deals/{id}/quote": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      post: {
        summary: "Send a Xero quote of the deal's lines",
        description:
          "The lines go through the invoice's mapping (items, accounts, tax by the customer's location, a currency Xero has), with the deal marker in the quote's Reference. status DRAFT or SENT; Settings -> Invoicing decides when left out (SENT unless changed). A deal with a quote still in play (draft, sent, accepted), a lost deal, an invoiced deal or one without lines is refused. Its status comes back by a pull every minute while it is open; accepted, it wins the deal and the invoice is made of exactly its lines.",
        requestBody: { required: false, content: { "application/json": { schema: schemaOf(quoteRequestInput) } } },
        responses: {
          "201": { description: "Xero has the quote: { data: Quote }", content: { "application/json": { schema: { type: "object", properties: { data: { $ref: "#/components/schemas/Quote" } } } } } },
          "202": { description: "Xero did not answer in time: the quote goes out by itself, once." },
          "409": { description: "The deal is lost, invoiced, or has a quote in play." },
          ...errors,
          ...notFoundAnswer,
        },
      },
    },
    "/api/v1/quotes": {
      get: {
        summary: "List the organisation's quotes, newest first",
        description: "A filter not listed here answers 400 naming it.",
        parameters: [q("dealId", { type: "string", format: "uuid" }, "only this deal's"), q("status", { type: "string", enum: ["PENDING", "DRAFT", "SENT", "DECLINED", "ACCEPTED", "INVOICED", "DELETED"] }, "only this status (PENDING: not in Xero yet)"), q("limit", { type: "integer", minimum: 1, maximum: 100, default: 50 }, "at most")],
        responses: { "200": { description: "Quotes", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { $ref: "#/components/schemas/Quote" } } } } } } }, ...errors },
      },
    },
    "/api/v1/payments": {
      get: { summary: "List payments on the organisation's sales invoices", parameters: [q("invoiceId", { type: "string", format: "uuid" }, "only this invoice's"), q("updatedSince", { type: "string", format: "date-time" }, "changed at or after"), ...paging], responses: { "200": page("Payment"), ...errors } },
    },
    "/api/v1/sync/health-checks": {
      post: {
        summary: "Run the data health check now (it also runs monthly)",
        description: "Records failing to sync, duplicates on either side, won deals without an invoice, products without a mapping, customers missing an email or address, and a spot check of three random approved invoices compared field by field with a fresh read from Xero. Kept dated, posted to the notification centre and emailed to finance. Needs a key that writes and sees amounts.",
        responses: { "201": { description: "{ data: { id, ranAt, failingRecords, duplicates, wonWithoutInvoice, unmappedProducts, customersMissingDetails, spotChecks: [{ invoiceNumber, xeroInvoiceId, matches, differences: [{ field, ours, xero }] }], spotCheckNote } }" }, ...errors },
      },
    },
    "/api/v1/sync/health-checks/latest": {
      get: { summary: "The newest data health check", responses: { "200": { description: "{ data: <the check> }" }, ...errors, ...notFoundAnswer } },
    },
    "/api/v1/sync/status": {
      get: { summary: "The organisation's sync status", responses: { "200": { description: "Status", content: { "application/json": { schema: { $ref: "#/components/schemas/SyncStatus" } } } }, ...errors } },
    },
    "/api/v1/deals/{id}/invoice": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      post: {
        summary: "Create the deal's Xero invoice (never a second one)",
        description: "At or after the invoicing stage (Settings -> Invoicing) no body is needed. Before it, send {\"confirmStage\": true}; a lost deal is refused (409).",
        requestBody: { required: false, content: { "application/json": { schema: { type: "object", properties: { confirmStage: { type: "boolean" } }, additionalProperties: false } } } },
        responses: {
          "202": { description: "Queued; the invoice is in Xero within seconds (see GET /api/v1/invoices?dealId=)." },
          "200": { description: "The deal already has its invoice: it is answered instead." },
          ...errors,
          ...notFoundAnswer,
        },
      },
    },
  };
}
