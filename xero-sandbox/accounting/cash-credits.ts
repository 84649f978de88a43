import type { SandboxResponse } from "../http";
import type { CashCreditRec } from "../store/types";
import { answerBatch, elementsOf, envelope, field, type ElementOutcome } from "./batch";
import type { ApiContext } from "./context";
import { notFound } from "./errors";
import { dateValue, parseDateInput, round2 } from "./format";
import { allocationRefusal, applyCashAllocation } from "./cash-credit-allocation";
import { CASH_CREDIT_KINDS, cashCreditJson } from "./cash-credit-json";
import { listQuery } from "./list-query";

type Kind = CashCreditRec["Kind"];
const KIND_OF: Record<string, Kind> = { overpayments: "overpayment", prepayments: "prepayment" };

/**
 * /Overpayments and /Prepayments: paged like Xero (page, pageSize to 1000, If-Modified-Since,
 * where, order), one by id, and PUT .../{id}/Allocations to spend the credit on an invoice.
 * Creating them is Xero's bank-transaction business; the control plane records them instead.
 */
export function cashCreditRoute(ctx: ApiContext, method: string, resource: string, rest: string[]): SandboxResponse | null {
  const kind = KIND_OF[resource];
  if (!kind) return null;
  const [id, sub] = rest;
  if (method === "GET" && !sub) return id ? getOne(ctx, kind, id) : getPage(ctx, kind);
  if (method === "PUT" && id && sub?.toLowerCase() === "allocations") return allocate(ctx, kind, id);
  return notFound();
}

const collectionOf = (ctx: ApiContext, kind: Kind) => (kind === "overpayment" ? ctx.org.overpayments : ctx.org.prepayments);

function getPage(ctx: ApiContext, kind: Kind): SandboxResponse {
  const page = listQuery(ctx.req, collectionOf(ctx, kind).all(), (c) => cashCreditJson(ctx.org, c), { paged: true });
  return envelope(ctx, CASH_CREDIT_KINDS[kind].collection, page.items, page.pagination);
}

function getOne(ctx: ApiContext, kind: Kind, id: string): SandboxResponse {
  const credit = collectionOf(ctx, kind).get(id);
  return credit ? envelope(ctx, CASH_CREDIT_KINDS[kind].collection, [cashCreditJson(ctx.org, credit)]) : notFound();
}

function allocate(ctx: ApiContext, kind: Kind, id: string): SandboxResponse {
  const credit = collectionOf(ctx, kind).get(id);
  if (!credit) return notFound();
  const elements = elementsOf(ctx.req.json, "Allocations") ?? [];
  const outcomes: ElementOutcome[] = elements.map((el) => {
    const invoiceId = field<string>(field<Record<string, unknown>>(el, "Invoice"), "InvoiceID") ?? "";
    const amount = round2(Number(field(el, "Amount") ?? 0));
    const refusal = allocationRefusal(ctx.org, credit, invoiceId, amount);
    if (refusal) return { json: { ...el }, errors: [refusal], warnings: [] };
    const date = parseDateInput(field(el, "Date")) ?? ctx.sandbox.clock.today();
    const allocationId = applyCashAllocation(ctx.sandbox, ctx.org, credit, ctx.org.invoices.get(invoiceId)!.InvoiceID, amount, date);
    const json = { AllocationID: allocationId, Amount: amount, Date: dateValue(date), Invoice: { InvoiceID: credit.Allocations.at(-1)!.InvoiceID } };
    return { json: { ...json, [kind === "overpayment" ? "Overpayment" : "Prepayment"]: { [CASH_CREDIT_KINDS[kind].idField]: credit.ID } }, errors: [], warnings: [] };
  });
  ctx.sandbox.changed();
  return answerBatch(ctx, "Allocations", outcomes);
}
