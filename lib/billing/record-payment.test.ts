import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { portalPayments, syncItems, xeroInvoices, xeroPayments } from "@/db/schema";
import { createApiKey } from "@/lib/api/api-keys";
import { invoicePaymentHandler } from "@/lib/api/v1-billing-handlers";
import { AppError } from "@/lib/errors";
import { paymentMarker } from "@/lib/sync/payments/payment-marker";
import { parseInput } from "@/lib/validation";
import { drainAll, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { getInvoiceSettings, saveInvoiceSettings } from "./invoice-settings";
import { paymentInput } from "./payment-input";
import { recordPayment } from "./record-payment";

/** Payments recorded in the portal reach the sandbox over HTTP through xero-node, with its faults. */
const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

/** An approved invoice of 100.00 (one line, no tax) for a won deal, mirrored. */
async function approvedInvoice(name: string) {
  const org = await invoicingOrg(sandbox, { status: "AUTHORISED", customerName: name });
  const deal = await org.newDeal(`${name} retainer`);
  await drainAll(org.orgId);
  const [invoice] = await org.db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, org.orgId), eq(xeroInvoices.dealId, deal.id)));
  expect({ status: invoice.status, total: invoice.total, amountDue: invoice.amountDue }).toEqual({ status: "AUTHORISED", total: "100.00", amountDue: "100.00" });
  const xeroPaymentsOf = () => [...sandbox.sandbox.org(org.tenantId)!.payments.all()].filter((p) => p.InvoiceID === invoice.xeroInvoiceId && p.Status !== "DELETED");
  const calls = (method: string, prefix: string) => sandbox.control.requests({ tenantId: org.tenantId, pathPrefix: prefix }).filter((c) => c.method === method).length;
  const mirrored = async () => (await org.db.select().from(xeroInvoices).where(eq(xeroInvoices.id, invoice.id)))[0];
  const accountId = (code: string) => sandbox.sandbox.org(org.tenantId)!.accounts.find((a) => a.Code === code)!.AccountID;
  return { ...org, deal, invoice, xeroPaymentsOf, calls, mirrored, accountId };
}

const input = (body: unknown) => parseInput(paymentInput, body);
const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  return { status: e.status, message: e.message, fields: [...new Set(e.fields.map((f) => f.field))] };
};

describe("payments recorded in the portal", () => {
  it("a part payment goes into the chosen bank account and the balance updates at once; the rest, into the mapped default, pays it off", async () => {
    const { db, orgId, actor, invoice, xeroPaymentsOf, calls, mirrored, accountId } = await approvedInvoice("Part Pay");
    const [puts, gets] = [calls("PUT", "/api.xro/2.0/Payments"), calls("GET", "/api.xro/2.0/Invoices")];
    const first = await recordPayment(db, actor, invoice.id, input({ amount: "40.00", date: "2026-11-30", bankAccountCode: "090", reference: "Cheque 1042" }));
    expect(first.status).toBe("sent");
    const [inXero] = xeroPaymentsOf();
    expect({ id: inXero.PaymentID, amount: inXero.Amount, account: inXero.AccountID, date: inXero.Date, reference: inXero.Reference }).toEqual({
      id: first.payment.xeroPaymentId,
      amount: 40,
      account: accountId("090"),
      date: "2026-11-30",
      reference: `Cheque 1042 ${paymentMarker(first.payment.id)}`,
    });
    // One write and one read back of the invoice per payment: its balance is right without waiting for a pull.
    expect({ puts: calls("PUT", "/api.xro/2.0/Payments") - puts, gets: calls("GET", "/api.xro/2.0/Invoices") - gets }).toEqual({ puts: 1, gets: 1 });
    expect(await mirrored()).toMatchObject({ status: "AUTHORISED", amountDue: "60.00", amountPaid: "40.00" });
    const [mirror] = await db.select().from(xeroPayments).where(and(eq(xeroPayments.orgId, orgId), eq(xeroPayments.xeroPaymentId, first.payment.xeroPaymentId!)));
    expect({ amount: mirror.amount, date: mirror.date, invoice: mirror.xeroInvoiceId }).toEqual({ amount: "40.00", date: "2026-11-30", invoice: invoice.xeroInvoiceId });

    await saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), defaultBankAccountCode: "091" });
    const rest = await recordPayment(db, actor, invoice.id, input({ amount: 60 }));
    expect(rest.status).toBe("sent");
    expect(xeroPaymentsOf().map((p) => [p.Amount, p.AccountID]).sort()).toEqual([[40, accountId("090")], [60, accountId("091")]].sort());
    expect(await mirrored()).toMatchObject({ status: "PAID", amountDue: "0.00" });
    // Paid now: nothing more is taken.
    expect(await refusal(recordPayment(db, actor, invoice.id, input({ amount: "1.00" })))).toMatchObject({ status: 409 });
  });

  it("what can be known is refused before any call, naming the field: more than is due (both amounts), not a bank account, no account at all, a draft, another organisation's invoice, a bad body, a sales member", async () => {
    const { db, orgId, actor, invoice, calls } = await approvedInvoice("Refused First");
    const before = calls("PUT", "/api.xro/2.0/Payments");
    const over = await refusal(recordPayment(db, actor, invoice.id, input({ amount: "100.01", bankAccountCode: "090" })));
    expect(over).toMatchObject({ status: 400, fields: ["amount"] });
    expect(over.message).toContain("$100.01");
    expect(over.message).toContain("$100.00");
    const sales = await refusal(recordPayment(db, actor, invoice.id, input({ amount: "10", bankAccountCode: "200" })));
    expect(sales).toMatchObject({ status: 400, fields: ["bankAccountCode"] });
    expect(sales.message).toContain("090 (Business Bank Account)");
    expect(await refusal(recordPayment(db, actor, invoice.id, input({ amount: "10" })))).toMatchObject({ status: 400, fields: ["bankAccountCode"] });
    // Nor can a default be mapped that is not a bank account.
    expect(await refusal(saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), defaultBankAccountCode: "200" }))).toMatchObject({ status: 400, fields: ["defaultBankAccountCode"] });
    await db.update(xeroInvoices).set({ status: "DRAFT" }).where(eq(xeroInvoices.id, invoice.id));
    expect(await refusal(recordPayment(db, actor, invoice.id, input({ amount: "10", bankAccountCode: "090" })))).toMatchObject({ status: 409 });
    await db.update(xeroInvoices).set({ status: "AUTHORISED" }).where(eq(xeroInvoices.id, invoice.id));
    const other = await approvedInvoice("Someone Else");
    expect(await refusal(recordPayment(db, actor, other.invoice.id, input({ amount: "10", bankAccountCode: "090" })))).toMatchObject({ status: 404 });
    expect(await refusal(recordPayment(db, actor, "not-an-id", input({ amount: "10", bankAccountCode: "090" })))).toMatchObject({ status: 404 });
    expect(await refusal(recordPayment(db, { ...actor, role: "sales" }, invoice.id, input({ amount: "10", bankAccountCode: "090" })))).toMatchObject({ status: 403 });
    for (const [body, field] of [
      [{ amount: "0" }, "amount"],
      [{ amount: "-5" }, "amount"],
      [{ amount: "12.345" }, "amount"],
      [{ amount: "1,200" }, "amount"],
      [{ amount: "10", date: "2026-02-30" }, "date"],
      [{ amount: "10", bankAccount: "090" }, "(body)"],
      [{}, "amount"],
    ] as const) {
      const r = await refusal(Promise.resolve().then(() => input(body)));
      expect(r, JSON.stringify(body)).toMatchObject({ status: 400, fields: [field] });
    }
    expect(calls("PUT", "/api.xro/2.0/Payments") - before).toBe(0);
    expect(await db.$count(portalPayments, eq(portalPayments.orgId, orgId))).toBe(0);
  });

  it("Xero's own refusal (the accountant was paid in Xero meanwhile) answers with the amount named and leaves nothing behind", async () => {
    const { db, orgId, actor, invoice, tenantId, xeroPaymentsOf } = await approvedInvoice("Paid Meanwhile");
    sandbox.control.recordPayment(tenantId, invoice.xeroInvoiceId, { amount: 70, accountCode: "090" });
    // Our mirror has not heard yet: 100.00 due by it, 30.00 by Xero.
    const r = await refusal(recordPayment(db, actor, invoice.id, input({ amount: "50.00", bankAccountCode: "090" })));
    expect(r).toMatchObject({ status: 400, fields: ["amount"] });
    expect(r.message).toMatch(/more than the invoice still owes in Xero/);
    expect(xeroPaymentsOf().map((p) => p.Amount)).toEqual([70]);
    expect(await db.$count(portalPayments, eq(portalPayments.orgId, orgId))).toBe(0);
    const rows = await db.select().from(syncItems).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "payment")));
    expect(rows.map((row) => row.status)).toEqual(["skipped"]);
  });

  it("a lost answer: the payment landed, the next attempt finds it by its marker and sends nothing again; a 5xx answered write is retried once", async () => {
    const { db, orgId, actor, invoice, xeroPaymentsOf, calls } = await approvedInvoice("Lost Answer");
    sandbox.control.setFaults({ dropAfterWrite: 1 });
    const lost = await recordPayment(db, actor, invoice.id, input({ amount: "25.00", bankAccountCode: "090" }));
    expect(lost.status).toBe("pending");
    expect(xeroPaymentsOf()).toHaveLength(1);
    // Pending, it counts against what is due: a second full payment would be too much.
    expect(await refusal(recordPayment(db, actor, invoice.id, input({ amount: "100.00", bankAccountCode: "090" })))).toMatchObject({ status: 400, fields: ["amount"] });
    const puts = calls("PUT", "/api.xro/2.0/Payments");
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "payment")));
    await drainAll(orgId);
    expect(calls("PUT", "/api.xro/2.0/Payments") - puts).toBe(0);
    expect(xeroPaymentsOf()).toHaveLength(1);
    const [row] = await db.select().from(portalPayments).where(eq(portalPayments.id, lost.payment.id));
    expect(row.xeroPaymentId).toBe(xeroPaymentsOf()[0].PaymentID);

    sandbox.control.setFaults({ failNext: { count: 1, status: 503 } });
    const retried = await recordPayment(db, actor, invoice.id, input({ amount: "10.00", bankAccountCode: "090" }));
    expect(retried.status).toBe("pending");
    await db.update(syncItems).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(syncItems.orgId, orgId), eq(syncItems.entityType, "payment")));
    await drainAll(orgId);
    expect(xeroPaymentsOf().map((p) => p.Amount).sort()).toEqual([10, 25]);
  });

  it("two requests at once for the whole amount: one payment, the other refused; a repeated Idempotency-Key answers the same payment", async () => {
    const { db, actor, invoice, xeroPaymentsOf } = await approvedInvoice("Twice At Once");
    const outcomes = await Promise.allSettled([recordPayment(db, actor, invoice.id, input({ amount: "100.00", bankAccountCode: "090" })), recordPayment(db, actor, invoice.id, input({ amount: "100.00", bankAccountCode: "090" }))]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(xeroPaymentsOf()).toHaveLength(1);

    const again = await approvedInvoice("Same Key");
    // The same key twice at once (a client's retry overlapping its first try): one payment, both told it.
    const overlapping = await Promise.all([0, 1].map(() => recordPayment(db, again.actor, again.invoice.id, input({ amount: "70.00", bankAccountCode: "090" }), { requestKey: "pay-0" })));
    expect(overlapping.map((o) => o.status)).toEqual(["sent", "sent"]);
    expect(overlapping[0].payment.id).toBe(overlapping[1].payment.id);
    expect(again.xeroPaymentsOf().map((p) => p.Amount)).toEqual([70]);
    const once = await recordPayment(db, again.actor, again.invoice.id, input({ amount: "30.00", bankAccountCode: "090" }), { requestKey: "pay-1" });
    expect(once.status).toBe("sent");
    const twice = await recordPayment(db, again.actor, again.invoice.id, input({ amount: "30.00", bankAccountCode: "090" }), { requestKey: "pay-1" });
    expect({ same: twice.payment.id === once.payment.id, repeated: twice.repeated, status: twice.status }).toEqual({ same: true, repeated: true, status: "sent" });
    expect(again.xeroPaymentsOf()).toHaveLength(2);
    expect(await refusal(recordPayment(db, again.actor, again.invoice.id, input({ amount: "31.00", bankAccountCode: "090" }), { requestKey: "pay-1" }))).toMatchObject({ status: 400, fields: ["Idempotency-Key"] });
  });

  it("POST /api/v1/invoices/{id}/payments answers 201 with the payment, 400 naming fields, 403 for a key that cannot see amounts", async () => {
    const { db, orgId, ctx, invoice, xeroPaymentsOf } = await approvedInvoice("Over The Api");
    const key = (await createApiKey(db, { orgId, name: "k", scope: "write", canSeeAmounts: true, createdBy: ctx.user.id })).key;
    const blind = (await createApiKey(db, { orgId, name: "b", scope: "write", canSeeAmounts: false, createdBy: ctx.user.id })).key;
    const post = async (k: string, body: unknown) => {
      const res = await invoicePaymentHandler(new Request(`http://app.test/api/v1/invoices/${invoice.id}/payments`, { method: "POST", headers: { authorization: `Bearer ${k}`, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({ id: invoice.id }) });
      return { status: res.status, json: await res.json() };
    };
    const made = await post(key, { amount: 12.5, date: "2026-12-01", bankAccountCode: "090" });
    expect(made.status).toBe(201);
    expect(made.json.data).toEqual({ id: expect.any(String), xeroPaymentId: xeroPaymentsOf()[0].PaymentID, amount: "12.50", date: "2026-12-01", bankAccountCode: "090", reference: null, status: "sent" });
    const bad = await post(key, { amount: "lots", bankAccountCode: "090" });
    expect({ status: bad.status, fields: bad.json.error.fields.map((f: { field: string }) => f.field) }).toEqual({ status: 400, fields: ["amount"] });
    expect((await post(blind, { amount: "1.00", bankAccountCode: "090" })).status).toBe(403);
    expect(xeroPaymentsOf()).toHaveLength(1);
  });
});
