import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { deals, quotes, syncItems } from "@/db/schema";
import { createDeal, updateDeal } from "@/lib/crm/deals";
import { dealInput } from "@/lib/crm/schemas";
import { AppError } from "@/lib/errors";
import { syncQuotes } from "@/lib/sync/quotes/sync-quotes";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicesFor, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { requestQuote } from "./request-quote";

/** Quotes go to the sandbox over HTTP through xero-node; the customer answers them on the sandbox's side. */
const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

/** A connected organisation with a customer in Xero and an open deal of 2 x 150.00 (no tax). */
async function openDeal(name: string) {
  const org = await invoicingOrg(sandbox, { customerName: name });
  const deal = await createDeal(org.db, org.actor, parseInput(dealInput, { title: `${name} proposal`, customerId: org.customer.id, stageId: org.open.id, lines: [{ description: "Workshop day", quantity: 2, unitPrice: 150 }] }));
  const xeroQuotes = () => [...sandbox.sandbox.org(org.tenantId)!.quotes.values()].filter((q) => q.Reference?.includes(`[lb:${deal.id}]`));
  return { ...org, deal, xeroQuotes };
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AppError);
  return { status: (e as AppError).status, message: (e as AppError).message };
};

describe("quotes", () => {
  it("Create quote sends the deal's lines as a SENT quote; accepted, it wins the deal and its invoice has exactly the quote's lines; the quote becomes INVOICED; the pull seeing the acceptance twice makes one invoice", async () => {
    const { db, orgId, tenantId, actor, deal, won, xeroQuotes } = await openDeal("Quoted");
    const made = await requestQuote(db, actor, deal.id, {});
    expect(made.state).toBe("sent");
    const [inXero] = xeroQuotes();
    expect({ status: inXero.Status, total: inXero.Total, lines: inXero.LineItems.map((l) => [l.Description, l.Quantity, l.UnitAmount]), number: inXero.QuoteNumber }).toEqual({
      status: "SENT",
      total: 300,
      lines: [["Workshop day", 2, 150]],
      number: made.quote.number,
    });
    expect(made.quote).toMatchObject({ xeroQuoteId: inXero.QuoteID, status: "SENT", total: "300.00", currency: "USD" });

    // The deal changes after the quote went out: the invoice still bills what the customer accepted.
    await updateDeal(db, actor, deal.id, { lines: [{ description: "Workshop day", quantity: 2, unitPrice: 175, discountPercent: 0 }] });
    sandbox.control.answerQuote(tenantId, inXero.QuoteID, "ACCEPTED");
    // Two pulls at once (a rerun, a second worker) see the acceptance: it is acted on once.
    const [a, b] = await Promise.all([syncQuotes(db, orgId, "schedule"), syncQuotes(db, orgId, "schedule")]);
    expect(a.accepted + b.accepted).toBe(1);
    const [after] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(after.stageId).toBe(won.id);
    await drainAll(orgId);
    const invoices = invoicesFor(sandbox, tenantId, deal.id);
    expect(invoices.map((i) => ({ total: i.Total, lines: i.LineItems.map((l) => [l.Description, l.Quantity, l.UnitAmount]) }))).toEqual([{ total: 300, lines: [["Workshop day", 2, 150]] }]);

    const marked = await syncQuotes(db, orgId, "schedule");
    expect(marked.invoiced).toBe(1);
    expect(xeroQuotes()[0].Status).toBe("INVOICED");
    const [row] = await db.select().from(quotes).where(eq(quotes.id, made.quote.id));
    expect(row.status).toBe("INVOICED");
    // Nothing left to watch: no call is spent; winning the deal again makes no second invoice.
    expect(await syncQuotes(db, orgId, "schedule")).toMatchObject({ calls: 0 });
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, deal.id)).toHaveLength(1);
  });

  it("refuses what cannot be quoted: a deal without lines, a lost one, a second quote while one is open, another organisation's deal, a read-only key", async () => {
    const { db, orgId, actor, deal, customer, open } = await openDeal("Refused Quote");
    const bare = await createDeal(db, actor, parseInput(dealInput, { title: "No lines yet", customerId: customer.id, stageId: open.id }));
    expect(await refusal(requestQuote(db, actor, bare.id, {}))).toMatchObject({ status: 400 });
    await requestQuote(db, actor, deal.id, { status: "DRAFT" });
    const again = await refusal(requestQuote(db, actor, deal.id, {}));
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/already has quote QU-\d+ \(draft\)/);
    const other = await openDeal("Other Org");
    expect(await refusal(requestQuote(db, actor, other.deal.id, {}))).toMatchObject({ status: 404 });
    expect(await refusal(requestQuote(db, { ...actor, role: "api", canWrite: false }, deal.id, {}))).toMatchObject({ status: 403 });
    const { listStages } = await import("@/lib/crm/pipeline-stages");
    const lost = (await listStages(db, orgId)).find((s) => s.kind === "lost")!;
    const gone = await createDeal(db, actor, parseInput(dealInput, { title: "Lost one", customerId: customer.id, stageId: lost.id, lines: [{ description: "x", quantity: 1, unitPrice: 1 }] }));
    expect(await refusal(requestQuote(db, actor, gone.id, {}))).toMatchObject({ status: 409 });
  });

  it("a lost answer: the quote landed in Xero, the next attempt finds it by its marker and sends no second quote", async () => {
    const { db, orgId, actor, deal, xeroQuotes } = await openDeal("Lost Quote");
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    const lost = await requestQuote(db, actor, deal.id, {});
    expect(lost.state).toBe("pending");
    expect(xeroQuotes()).toHaveLength(1);
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "quote")));
    await drainAll(orgId);
    expect(xeroQuotes()).toHaveLength(1);
    const [row] = await db.select().from(quotes).where(eq(quotes.id, lost.quote.id));
    expect(row.xeroQuoteId).toBe(xeroQuotes()[0].QuoteID);
  });

  it("POST /api/v1/deals/{id}/quote answers 201 with the quote; GET /api/v1/quotes lists it by deal and status; bad input is named", async () => {
    const { db, orgId, ctx, deal } = await openDeal("Api Quote");
    const { createApiKey } = await import("@/lib/api/api-keys");
    const { dealQuoteHandler, listQuotesHandler } = await import("@/lib/api/v1-billing-handlers");
    const key = (await createApiKey(db, { orgId, name: "k", scope: "write", canSeeAmounts: true, createdBy: ctx.user.id })).key;
    const call = async (handler: typeof dealQuoteHandler, url: string, method: string, body?: unknown, params: Record<string, string> = {}) => {
      const res = await handler(new Request(`http://app.test${url}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
      return { status: res.status, json: await res.json() };
    };
    const bad = await call(dealQuoteHandler, `/api/v1/deals/${deal.id}/quote`, "POST", { status: "ACCEPTED" }, { id: deal.id });
    expect({ status: bad.status, fields: bad.json.error.fields.map((f: { field: string }) => f.field) }).toEqual({ status: 400, fields: ["status"] });
    const made = await call(dealQuoteHandler, `/api/v1/deals/${deal.id}/quote`, "POST", { status: "DRAFT" }, { id: deal.id });
    expect(made.status).toBe(201);
    expect(Object.keys(made.json.data).sort()).toEqual(["currency", "customerId", "dealId", "expiryDate", "id", "number", "status", "total", "updatedAt", "xeroQuoteId"]);
    expect(made.json.data).toMatchObject({ dealId: deal.id, status: "DRAFT", total: "300.00", number: expect.stringMatching(/^QU-/) });
    const listed = await call(listQuotesHandler, `/api/v1/quotes?dealId=${deal.id}&status=DRAFT`, "GET");
    expect(listed.json.data.map((q: { id: string }) => q.id)).toEqual([made.json.data.id]);
    expect((await call(listQuotesHandler, `/api/v1/quotes?dealId=${deal.id}&status=SENT`, "GET")).json.data).toEqual([]);
    const unknown = await call(listQuotesHandler, "/api/v1/quotes?deal=1", "GET");
    expect(unknown.status).toBe(400);
  });

  it("one quote whose deal cannot follow never holds back another; a won deal is not moved back; a quote first seen INVOICED still wins its deal, once", async () => {
    const { db, orgId, tenantId, actor, deal, customer, open, won, xeroQuotes } = await openDeal("Held Back");
    const { saveInvoiceSettings, getInvoiceSettings } = await import("./invoice-settings");
    // Invoicing at an open stage, and deal A is already won and invoiced: moving it back would be refused.
    await saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), triggerStageId: open.id });
    const a = await requestQuote(db, actor, deal.id, {});
    const dealB = await createDeal(db, actor, parseInput(dealInput, { title: "Second proposal", customerId: customer.id, stageId: open.id, lines: [{ description: "Audit", quantity: 1, unitPrice: 80 }] }));
    const b = await requestQuote(db, actor, dealB.id, {});
    await db.update(deals).set({ stageId: won.id, wonAt: new Date(), xeroInvoiceId: crypto.randomUUID() }).where(eq(deals.id, deal.id));
    sandbox.control.answerQuote(tenantId, a.quote.xeroQuoteId!, "ACCEPTED");
    sandbox.control.answerQuote(tenantId, b.quote.xeroQuoteId!, "ACCEPTED");
    const result = await syncQuotes(db, orgId, "schedule");
    expect(result.accepted).toBe(2);
    const stageOf = async (id: string) => (await db.select({ stageId: deals.stageId }).from(deals).where(eq(deals.id, id)))[0].stageId;
    expect({ a: await stageOf(deal.id), b: await stageOf(dealB.id) }).toEqual({ a: won.id, b: open.id });
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, dealB.id).map((i) => i.Total)).toEqual([80]);

    // Accepted and converted in Xero between two pulls: first seen INVOICED, the deal is still won, once.
    await saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), triggerStageId: null });
    const dealC = await createDeal(db, actor, parseInput(dealInput, { title: "Third proposal", customerId: customer.id, stageId: open.id, lines: [{ description: "Review", quantity: 1, unitPrice: 40 }] }));
    const c = await requestQuote(db, actor, dealC.id, {});
    const inXero = sandbox.sandbox.org(tenantId)!.quotes.get(c.quote.xeroQuoteId!)!;
    Object.assign(inXero, { Status: "INVOICED", UpdatedDateUTC: Date.now() });
    sandbox.sandbox.org(tenantId)!.quotes.touched();
    expect((await syncQuotes(db, orgId, "schedule")).accepted).toBe(1);
    expect(await stageOf(dealC.id)).toBe(won.id);
    await drainAll(orgId);
    expect(await syncQuotes(db, orgId, "schedule")).toMatchObject({ accepted: 0 });
    await drainAll(orgId);
    expect(invoicesFor(sandbox, tenantId, dealC.id).map((i) => i.Total)).toEqual([40]);
    expect(xeroQuotes().length).toBe(1);
  });

  it("a quote Xero can never take is over: it holds the deal back from no new quote", async () => {
    const { db, actor, customer, open } = await openDeal("Never Taken");
    const yen = await createDeal(db, actor, parseInput(dealInput, { title: "Yen work", customerId: customer.id, stageId: open.id, currency: "JPY", lines: [{ description: "Work", quantity: 1, unitPrice: 1000 }] }));
    const refused = await requestQuote(db, actor, yen.id, {});
    expect(refused.state).toBe("failed");
    expect(refused.message).toMatch(/JPY/);
    expect(refused.quote.status).toBe("REFUSED");
    // Asked again, it is tried again (and refused for the same reason), not answered "already has a quote".
    expect((await requestQuote(db, actor, yen.id, {})).state).toBe("failed");
  });
});
