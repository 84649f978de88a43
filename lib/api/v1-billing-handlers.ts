import { z } from "zod";
import { invoiceApiRow, invoiceListQuery, listInvoicesAfter, listPaymentsAfter, paymentListQuery } from "@/lib/billing/invoice-queries";
import { paymentInput } from "@/lib/billing/payment-input";
import { recordPayment } from "@/lib/billing/record-payment";
import { requestInvoice } from "@/lib/billing/request-invoice";
import { listQuotes, quoteListQuery } from "@/lib/billing/quote-queries";
import { quoteRequestInput } from "@/lib/billing/quote-input";
import { quoteApiRow, requestQuote } from "@/lib/billing/request-quote";
import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import { todayIn } from "@/lib/calendar";
import { AppError, notFound } from "@/lib/errors";
import { getSyncStatus } from "@/lib/sync/status/sync-status";
import { readJsonBody, readOptionalJsonBody } from "@/lib/http/read-body";
import { parseInput } from "@/lib/validation";
import { apiRoute, type AfterWrite } from "./api-route";

const invoiceRequestBody = z.object({ confirmStage: z.boolean({ error: "confirmStage must be true or false." }).optional() }, { error: "Send a JSON object like {\"confirmStage\": true}, or no body." });

const firstValues = (url: URL, names: string[]) => Object.fromEntries(names.map((n) => [n, url.searchParams.get(n) ?? undefined]));

/** GET /api/v1/invoices: the organisation's Xero sales invoices as mirrored, filterable, keyset-paged. */
const INVOICE_FILTERS = ["customerId", "dealId", "subscriptionId", "status", "updatedSince", "cursor", "limit"];

export const listInvoicesHandler = apiRoute(async ({ db, actor, request }) => {
  const url = new URL(request.url);
  // A filter we do not know would be silently ignored and answer every invoice: refused instead.
  const unknown = [...new Set(url.searchParams.keys())].filter((k) => !INVOICE_FILTERS.includes(k));
  if (unknown.length) throw new AppError("validation", `Unknown filter${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. Use ${INVOICE_FILTERS.join(", ")}.`, unknown.map((field) => ({ field, message: `Not a filter of /api/v1/invoices: use ${INVOICE_FILTERS.join(", ")}.` })));
  const q = parseInput(invoiceListQuery, firstValues(url, INVOICE_FILTERS));
  const [page, [org]] = await Promise.all([listInvoicesAfter(db, actor.orgId, q), db.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, actor.orgId))]);
  const today = todayIn(org?.timezone ?? "UTC");
  return Response.json({ data: page.data.map((i) => invoiceApiRow(i, actor.canSeeAmounts, today)), next_cursor: page.nextCursor });
});

/** GET /api/v1/payments: payments on the organisation's sales invoices. */
export const listPaymentsHandler = apiRoute(async ({ db, actor, request }) => {
  const q = parseInput(paymentListQuery, firstValues(new URL(request.url), ["invoiceId", "updatedSince", "cursor", "limit"]));
  const page = await listPaymentsAfter(db, actor.orgId, q, actor.canSeeAmounts);
  return Response.json({ data: page.data, next_cursor: page.nextCursor });
});

/** GET /api/v1/sync/status: the troubleshooting guide's status fields, for this organisation. */
export const syncStatusHandler = apiRoute(async ({ db, actor }) => Response.json(await getSyncStatus(db, actor.orgId)));

/** POST /api/v1/deals/{id}/invoice: queue the deal's invoice (202), or answer the one it has (200). */
export const dealInvoiceHandler = (afterWrite?: AfterWrite) =>
  apiRoute(
    async ({ db, actor, params, request }) => {
      if (!z.uuid().safeParse(params.id).success) throw notFound("That deal");
      // An optional body: {"confirmStage": true} invoices a deal before the invoicing stage.
      const body = parseInput(invoiceRequestBody, await readOptionalJsonBody(request));
      const outcome = await requestInvoice(db, actor, params.id, body);
      if (!outcome.queued) return Response.json({ data: { status: "invoiced", invoice: outcome.invoice } });
      return Response.json({ data: { status: "queued", invoice: null } }, { status: 202 });
    },
    { afterWrite },
  );

/**
 * POST /api/v1/invoices/{id}/payments: record a payment on the invoice in Xero. 201 once Xero has
 * it; 202 when Xero did not answer in time (it goes out by itself, once); an Idempotency-Key makes a
 * repeated request answer the same payment.
 */
export const invoicePaymentHandler = apiRoute(async ({ db, actor, params, request }) => {
  const body = parseInput(paymentInput, await readJsonBody(request));
  const outcome = await recordPayment(db, actor, params.id, body, { requestKey: request.headers.get("idempotency-key") });
  const { payment } = outcome;
  const data = { id: payment.id, xeroPaymentId: payment.xeroPaymentId, amount: payment.amount, date: payment.paidOn, bankAccountCode: payment.bankAccountCode, reference: payment.reference, status: outcome.status };
  if (outcome.status === "sent") return Response.json({ data }, { status: outcome.repeated ? 200 : 201 });
  if (outcome.status === "failed") throw new AppError("validation", `Xero refused the payment: ${outcome.message ?? "no reason given"}`);
  return Response.json({ data, message: outcome.message ?? "Xero has not answered yet: the payment goes out as soon as it does, once." }, { status: 202 });
});

/**
 * POST /api/v1/deals/{id}/quote: a Xero quote of the deal's lines. 201 { data: quote } once Xero has
 * it; 202 when Xero did not answer in time (it goes out by itself, once).
 */
export const dealQuoteHandler = apiRoute(async ({ db, actor, params, request }) => {
  const body = parseInput(quoteRequestInput, (await readOptionalJsonBody(request)) ?? {});
  const outcome = await requestQuote(db, actor, params.id, body);
  const data = quoteApiRow(outcome.quote, actor.canSeeAmounts);
  if (outcome.state === "sent") return Response.json({ data }, { status: 201 });
  if (outcome.state === "failed") throw new AppError("validation", `Xero refused the quote: ${outcome.message ?? "no reason given"}`);
  return Response.json({ data, message: outcome.message ?? "Xero has not answered yet: the quote goes out as soon as it does, once." }, { status: 202 });
});

const QUOTE_FILTERS = ["dealId", "status", "limit"];

/** GET /api/v1/quotes: the organisation's quotes, newest first. */
export const listQuotesHandler = apiRoute(async ({ db, actor, request }) => {
  const url = new URL(request.url);
  const unknown = [...new Set(url.searchParams.keys())].filter((k) => !QUOTE_FILTERS.includes(k));
  if (unknown.length) throw new AppError("validation", `Unknown filter${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. Use ${QUOTE_FILTERS.join(", ")}.`, unknown.map((field) => ({ field, message: `Not a filter of /api/v1/quotes: use ${QUOTE_FILTERS.join(", ")}.` })));
  const q = parseInput(quoteListQuery, firstValues(url, QUOTE_FILTERS));
  return Response.json({ data: (await listQuotes(db, actor.orgId, q)).map((row) => quoteApiRow(row, actor.canSeeAmounts)) });
});
