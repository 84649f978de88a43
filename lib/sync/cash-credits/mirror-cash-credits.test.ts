import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, xeroCashCreditAllocations, xeroCashCredits } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { ALL_RESOURCES, pullResources } from "../pull/pull-resources";
import { mirrorCashCredits } from "./mirror-cash-credits";

const sandboxOf = sandboxForFile();
let sandbox: RunningSandbox;
beforeEach(() => {
  sandbox = sandboxOf();
});

describe("overpayments and prepayments reach the mirror", () => {
  it("an overpayment (in a foreign currency, part allocated) and a prepayment recorded in Xero arrive with kind, currency, rate, remaining credit, customer and allocations", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo", country: "GB" });
    const books = sandbox.sandbox.org(tenantId)!;
    const invoice = [...books.invoices.values()].find((i) => i.Type === "ACCREC" && i.Status === "AUTHORISED" && i.CurrencyCode === "GBP" && i.AmountDue >= 40)!;
    const contactId = invoice.ContactID;
    const over = sandbox.control.recordCashCredit(tenantId, { kind: "overpayment", contactId, amount: 80, date: "2026-10-05", currencyCode: "EUR", currencyRate: 1.1734 });
    const pre = sandbox.control.recordCashCredit(tenantId, { kind: "prepayment", contactId, amount: 60, date: "2026-10-06", invoiceId: invoice.InvoiceID, allocate: 25 });

    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });

    const rows = await db.select().from(xeroCashCredits).where(eq(xeroCashCredits.orgId, orgId));
    const customer = (await db.select().from(customers).where(and(eq(customers.orgId, orgId), eq(customers.xeroContactId, contactId))))[0];
    expect(customer).toBeDefined();
    expect(rows.map((r) => [r.kind, r.xeroCashCreditId, r.currency, Number(r.currencyRate), r.total, r.remainingCredit, r.status, r.date, r.customerId]).sort()).toEqual([
      ["overpayment", over.ID, "EUR", 1.1734, "80.00", "80.00", "AUTHORISED", "2026-10-05", customer.id],
      ["prepayment", pre.ID, "GBP", 1, "60.00", "35.00", "AUTHORISED", "2026-10-06", customer.id],
    ]);
    const allocations = await db.select().from(xeroCashCreditAllocations).where(eq(xeroCashCreditAllocations.orgId, orgId));
    expect(allocations.map((a) => [a.xeroCashCreditId, a.xeroInvoiceId, a.amount, a.date])).toEqual([[pre.ID, invoice.InvoiceID, "25.00", "2026-10-06"]]);
  });

  it("a newer copy replaces the row and its allocations; an older copy arriving late never does", async () => {
    const db = getDb();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "demo" });
    const books = sandbox.sandbox.org(tenantId)!;
    const invoice = [...books.invoices.values()].find((i) => i.Type === "ACCREC" && i.Status === "AUTHORISED" && i.AmountDue >= 40)!;
    const over = sandbox.control.recordCashCredit(tenantId, { kind: "overpayment", contactId: invoice.ContactID, amount: 40 });
    await pullResources(db, orgId, ALL_RESOURCES, { mode: "initial", trigger: "initial" });
    const older = (await callXero(db, orgId, { method: "GET", path: "/Overpayments", purpose: "poll" }, (x, t) => x.accountingApi.getOverpayment(t, over.ID))).body.overpayments!;

    // The accountant spends the credit on an invoice a few seconds later: the next pull brings it.
    sandbox.sandbox.clock.advance(3000);
    sandbox.control.allocateCashCredit(tenantId, over.ID, { invoiceId: invoice.InvoiceID, amount: 40 });
    await pullResources(db, orgId, ["overpayments"], { mode: "incremental", trigger: "schedule" });
    const row = async () => (await db.select().from(xeroCashCredits).where(and(eq(xeroCashCredits.orgId, orgId), eq(xeroCashCredits.xeroCashCreditId, over.ID))))[0];
    const allocationsNow = async () => (await db.select().from(xeroCashCreditAllocations).where(eq(xeroCashCreditAllocations.orgId, orgId))).map((a) => [a.xeroInvoiceId, a.amount]);
    expect(await row()).toMatchObject({ remainingCredit: "0.00", status: "PAID" });
    expect(await allocationsNow()).toEqual([[invoice.InvoiceID, "40.00"]]);

    // The copy read before the allocation (a slow fetch finishing late) is older: nothing moves back.
    expect(await mirrorCashCredits(db, orgId, "overpayment", older)).toBe(0);
    expect(await row()).toMatchObject({ remainingCredit: "0.00", status: "PAID" });
    expect(await allocationsNow()).toEqual([[invoice.InvoiceID, "40.00"]]);
    // A supplier's overpayment is not cash in: never mirrored.
    expect(await mirrorCashCredits(db, orgId, "overpayment", [{ ...older[0], overpaymentID: crypto.randomUUID(), type: "SPEND-OVERPAYMENT" as never }])).toBe(0);
  });
});
