import { z } from "zod";
import { invoiceApiRow, invoiceListQuery, listInvoicesAfter, listPaymentsAfter, paymentListQuery } from "@/lib/billing/invoice-queries";
import { requestInvoice } from "@/lib/billing/request-invoice";
import { notFound } from "@/lib/errors";
import { getSyncStatus } from "@/lib/sync/status/sync-status";
import { readOptionalJsonBody } from "@/lib/http/read-body";
import { parseInput } from "@/lib/validation";
import { apiRoute, type AfterWrite } from "./api-route";

const invoiceRequestBody = z.object({ confirmStage: z.boolean({ error: "confirmStage must be true or false." }).optional() }, { error: "Send a JSON object like {\"confirmStage\": true}, or no body." });

const firstValues = (url: URL, names: string[]) => Object.fromEntries(names.map((n) => [n, url.searchParams.get(n) ?? undefined]));

/** GET /api/v1/invoices: the organisation's Xero sales invoices as mirrored, filterable, keyset-paged. */
export const listInvoicesHandler = apiRoute(async ({ db, actor, request }) => {
  const q = parseInput(invoiceListQuery, firstValues(new URL(request.url), ["customerId", "dealId", "status", "updatedSince", "cursor", "limit"]));
  const page = await listInvoicesAfter(db, actor.orgId, q);
  return Response.json({ data: page.data.map((i) => invoiceApiRow(i, actor.canSeeAmounts)), next_cursor: page.nextCursor });
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
