import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { deals, quotes, syncItems, xeroInvoices } from "@/db/schema";
import { createDeal } from "@/lib/crm/deals";
import { updateDeal } from "@/lib/crm/deals";
import { dealInput } from "@/lib/crm/schemas";
import { enqueueSync } from "@/lib/crm/outbox";
import { syncQuotes } from "@/lib/sync/quotes/sync-quotes";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicesFor, invoicingOrg, syncRowsOf } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { getInvoiceSettings, saveInvoiceSettings } from "@/lib/billing/invoice-settings";
import { paymentInput } from "@/lib/billing/payment-input";
import { recordPayment } from "@/lib/billing/record-payment";
import { requestQuote } from "@/lib/billing/request-quote";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});
const settle = (p: Promise<unknown>) => p.then((v) => ({ ok: true, v }), (e: any) => ({ ok: false, status: e?.status, message: String(e?.message) }));

describe("review", () => {
  it.skip("R1 same Idempotency-Key twice at once (full amount): the second is not answered the same payment", async () => {
    const org = await invoicingOrg(sandbox, { status: "AUTHORISED", customerName: "KeyRace" });
    const deal = await org.newDeal("KeyRace retainer");
    await drainAll(org.orgId);
    const [invoice] = await org.db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, org.orgId), eq(xeroInvoices.dealId, deal.id)));
    const body = parseInput(paymentInput, { amount: "100.00", bankAccountCode: "090" });
    const [a, b] = await Promise.all([settle(recordPayment(org.db, org.actor, invoice.id, body, { requestKey: "k-1" })), settle(recordPayment(org.db, org.actor, invoice.id, body, { requestKey: "k-1" }))]);
    console.log("R1", JSON.stringify([a, b].map((x: any) => x.ok ? { ok: true, status: x.v.status, repeated: x.v.repeated } : x)));
  });

  it.skip("R2 a quote refused once blocks the deal from ever being quoted again", async () => {
    const org = await invoicingOrg(sandbox, { customerName: "Refused Q" });
    const deal = await createDeal(org.db, org.actor, parseInput(dealInput, { title: "JPY deal", currency: "JPY", customerId: org.customer.id, stageId: org.open.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
    const first = await requestQuote(org.db, org.actor, deal.id, {});
    console.log("R2 first", first.state, first.quote.status, first.message);
    await updateDeal(org.db, org.actor, deal.id, { currency: "USD", lines: [{ description: "Work", quantity: 1, unitPrice: 100, discountPercent: 0 }] } as never);
    const again = await settle(requestQuote(org.db, org.actor, deal.id, {}));
    console.log("R2 again", JSON.stringify(again));
  });

  it.skip("R3 accepted quote with no account code on an AUTHORISED-invoicing org can never be invoiced, even after a default account is mapped", async () => {
    const org = await invoicingOrg(sandbox, { status: "AUTHORISED", customerName: "NoAcct" });
    await saveInvoiceSettings(org.db, org.orgId, { ...(await getInvoiceSettings(org.db, org.orgId)), defaultSalesAccountCode: null });
    const deal = await createDeal(org.db, org.actor, parseInput(dealInput, { title: "NoAcct deal", customerId: org.customer.id, stageId: org.open.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
    const q = await requestQuote(org.db, org.actor, deal.id, {});
    console.log("R3 quote", q.state, q.quote.status, JSON.stringify(q.quote.lines));
    sandbox.control.answerQuote(org.tenantId, q.quote.xeroQuoteId!, "ACCEPTED");
    console.log("R3 sync", JSON.stringify(await syncQuotes(org.db, org.orgId, "schedule")));
    await drainAll(org.orgId);
    const rows1 = (await syncRowsOf(org.orgId, deal.id)).map((r) => [r.status, r.lastErrorCode, r.lastErrorMessage]);
    console.log("R3 deal rows", JSON.stringify(rows1), invoicesFor(sandbox, org.tenantId, deal.id).length);
    await saveInvoiceSettings(org.db, org.orgId, { ...(await getInvoiceSettings(org.db, org.orgId)), defaultSalesAccountCode: "200" });
    await org.db.transaction((tx) => enqueueSync(tx, org.orgId, "deal", deal.id, "upsert", null, "manual"));
    await drainAll(org.orgId);
    const rows2 = (await syncRowsOf(org.orgId, deal.id)).map((r) => [r.status, r.lastErrorCode, r.lastErrorMessage]);
    console.log("R3 after fix", JSON.stringify(rows2), invoicesFor(sandbox, org.tenantId, deal.id).length);
  });
  });

  it("R4 an acceptance whose deal cannot move to the trigger stage poisons the whole quotes pull", async () => {
    const org = await invoicingOrg(sandbox, { customerName: "Poison" });
    const { listStages } = await import("@/lib/crm/pipeline-stages");
    const stages = await listStages(org.db, org.orgId);
    const lead = stages.find((s) => s.name === "Lead")!;
    const proposal = stages.find((s) => s.name === "Proposal")!;
    await saveInvoiceSettings(org.db, org.orgId, { ...(await getInvoiceSettings(org.db, org.orgId)), triggerStageId: proposal.id });
    const mk = (t: string) => createDeal(org.db, org.actor, parseInput(dealInput, { title: t, customerId: org.customer.id, stageId: lead.id, lines: [{ description: "Work", quantity: 1, unitPrice: 100 }] }));
    const a = await mk("Deal A");
    const b = await mk("Deal B");
    const qa = await requestQuote(org.db, org.actor, a.id, {});
    const qb = await requestQuote(org.db, org.actor, b.id, {});
    // A goes on by hand: invoiced at Proposal, then Won.
    await updateDeal(org.db, org.actor, a.id, { stageId: proposal.id });
    await drainAll(org.orgId);
    await updateDeal(org.db, org.actor, a.id, { stageId: org.won.id });
    sandbox.control.answerQuote(org.tenantId, qa.quote.xeroQuoteId!, "ACCEPTED");
    sandbox.control.answerQuote(org.tenantId, qb.quote.xeroQuoteId!, "ACCEPTED");
    for (let i = 0; i < 2; i++) console.log("R4 pull", i, JSON.stringify(await settle(syncQuotes(org.db, org.orgId, "schedule"))));
    const rows = await org.db.select({ id: quotes.id, status: quotes.status, acceptedAt: quotes.acceptedAt }).from(quotes).where(eq(quotes.orgId, org.orgId));
    const [db_] = await org.db.select({ stageId: deals.stageId }).from(deals).where(eq(deals.id, b.id));
    console.log("R4 quotes", JSON.stringify(rows), "B at proposal?", db_.stageId === proposal.id);
  });
});
