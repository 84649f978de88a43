import { and, eq } from "drizzle-orm";
import type { Invoice } from "xero-node";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { crmActivities, deals, invoiceSettings, xeroInvoices } from "@/db/schema";
import { defaultInvoiceSettings } from "./invoice-settings";
import { enqueueSync } from "@/lib/crm/outbox";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { leakageReport } from "@/lib/reports/leakage-report";
import { reportScope } from "@/lib/reports/report-scope";
import { mirrorInvoices } from "@/lib/sync/invoices/mirror-invoices";
import { reportBooks } from "@/test/report-fixtures";
import { linkableInvoices, linkExistingInvoice } from "./link-existing-invoice";

const db = getDb();

async function booksWithWonDeal() {
  const org = await makeCrmOrg(db);
  const books = reportBooks(db, org.orgId);
  const acme = await books.customer("Acme");
  const other = await books.customer("Other Co");
  const deal = await books.deal({ customerId: acme.id, title: "Billed by hand", amount: "400.00" });
  const byHand = await books.invoice({ contact: acme.xeroContactId, number: "INV-HAND", date: "2026-11-03", total: "400.00" });
  const draft = await books.invoice({ contact: acme.xeroContactId, number: "INV-DRAFT", date: "2026-11-04", total: "10.00", status: "DRAFT" });
  const voided = await books.invoice({ contact: acme.xeroContactId, number: "INV-VOID", date: "2026-11-05", total: "400.00", status: "VOIDED" });
  const theirs = await books.invoice({ contact: other.xeroContactId, number: "INV-OTHER", date: "2026-11-06", total: "400.00" });
  return { org, books, acme, other, deal, byHand, draft, voided, theirs };
}

describe("linking a won deal to an invoice the accountant made in Xero", () => {
  it("offers the customer's unclaimed invoices, links one, and the leakage row goes; the link survives the next pull", async () => {
    const { org, deal, byHand } = await booksWithWonDeal();
    const scope = await reportScope(db, org.finance);
    expect((await leakageReport(db, scope)).rows.map((r) => [r.dealTitle, r.kind])).toEqual([["Billed by hand", "no_invoice"]]);
    expect(((await linkableInvoices(db, org.orgId, [deal.id])).get(deal.id) ?? []).map((i) => i.number)).toEqual(["INV-DRAFT", "INV-HAND"]);

    expect(await linkExistingInvoice(db, org.finance, { dealId: deal.id, xeroInvoiceId: byHand.xeroInvoiceId })).toEqual({ number: "INV-HAND" });
    expect((await leakageReport(db, scope)).rows).toEqual([]);
    const [activity] = await db.select().from(crmActivities).where(eq(crmActivities.orgId, org.orgId));
    expect(activity.summary).toBe('Linked Xero invoice INV-HAND to deal "Billed by hand"');
    // No longer offered, to this deal or any other.
    expect(((await linkableInvoices(db, org.orgId, [deal.id])).get(deal.id) ?? []).map((i) => i.number)).toEqual(["INV-DRAFT"]);

    // The next pull of that invoice (no deal marker in its Reference) keeps the link.
    const pulled = { invoiceID: byHand.xeroInvoiceId, type: "ACCREC", invoiceNumber: "INV-HAND", contact: { contactID: byHand.xeroContactId }, status: "AUTHORISED", currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive", subTotal: 400, totalTax: 0, total: 400, amountDue: 400, amountPaid: 0, amountCredited: 0, date: "2026-11-03", dueDate: "2026-11-03", updatedDateUTC: new Date("2026-11-10T00:00:00Z") } as unknown as Invoice;
    await mirrorInvoices(db, org.orgId, [pulled], "schedule");
    const [row] = await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, org.orgId), eq(xeroInvoices.xeroInvoiceId, byHand.xeroInvoiceId)));
    expect(row.dealId).toBe(deal.id);
    expect((await leakageReport(db, scope)).rows).toEqual([]);
  });

  it("refuses, by what is wrong: another customer's, a voided one, a deal already billed, a deal whose own invoice is on its way, another tenant's deal, another member's deal for sales", async () => {
    const { org, books, acme, deal, byHand, voided, theirs } = await booksWithWonDeal();
    await expect(linkExistingInvoice(db, org.finance, { dealId: deal.id, xeroInvoiceId: theirs.xeroInvoiceId })).rejects.toMatchObject({ code: "validation", fields: [{ field: "xeroInvoiceId" }] });
    await expect(linkExistingInvoice(db, org.finance, { dealId: deal.id, xeroInvoiceId: voided.xeroInvoiceId })).rejects.toMatchObject({ code: "validation", fields: [{ field: "xeroInvoiceId" }] });
    await expect(linkExistingInvoice(db, org.finance, { dealId: deal.id, xeroInvoiceId: "no-such-invoice" })).rejects.toMatchObject({ code: "not_found" });
    await expect(linkExistingInvoice(db, org.sales, { dealId: deal.id, xeroInvoiceId: byHand.xeroInvoiceId })).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await makeCrmOrg(db);
    await expect(linkExistingInvoice(db, stranger.owner, { dealId: deal.id, xeroInvoiceId: byHand.xeroInvoiceId })).rejects.toMatchObject({ code: "not_found" });

    const queuedDeal = await books.deal({ customerId: acme.id, title: "On its way", amount: "400.00" });
    await enqueueSync(db, org.orgId, "deal", queuedDeal.id, "upsert", null, "manual");
    await expect(linkExistingInvoice(db, org.finance, { dealId: queuedDeal.id, xeroInvoiceId: byHand.xeroInvoiceId })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("on its way") });

    // With invoice-on-win off, the deal's automatic push makes no invoice (the pusher skips it): no reason to wait.
    const autoDeal = await books.deal({ customerId: acme.id, title: "Auto queued", amount: "400.00" });
    await enqueueSync(db, org.orgId, "deal", autoDeal.id, "upsert");
    await expect(linkExistingInvoice(db, org.finance, { dealId: autoDeal.id, xeroInvoiceId: byHand.xeroInvoiceId })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("on its way") });
    await db.insert(invoiceSettings).values({ ...defaultInvoiceSettings(org.orgId), invoiceOnWin: false }).onConflictDoUpdate({ target: invoiceSettings.orgId, set: { invoiceOnWin: false } });
    const spare = await books.invoice({ contact: acme.xeroContactId, number: "INV-SPARE", date: "2026-11-08", total: "400.00" });
    expect(await linkExistingInvoice(db, org.finance, { dealId: autoDeal.id, xeroInvoiceId: spare.xeroInvoiceId })).toEqual({ number: "INV-SPARE" });

    await linkExistingInvoice(db, org.finance, { dealId: deal.id, xeroInvoiceId: byHand.xeroInvoiceId });
    const second = await books.invoice({ contact: acme.xeroContactId, number: "INV-TWO", date: "2026-11-07", total: "400.00" });
    await expect(linkExistingInvoice(db, org.finance, { dealId: deal.id, xeroInvoiceId: second.xeroInvoiceId })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already has invoice INV-HAND") });
  });

  it("two deals racing for one invoice: one gets it, the other is told it belongs to another deal", async () => {
    const { org, books, acme, deal, byHand } = await booksWithWonDeal();
    const twin = await books.deal({ customerId: acme.id, title: "Twin", amount: "400.00" });
    const results = await Promise.allSettled([linkExistingInvoice(db, org.finance, { dealId: deal.id, xeroInvoiceId: byHand.xeroInvoiceId }), linkExistingInvoice(db, org.admin, { dealId: twin.id, xeroInvoiceId: byHand.xeroInvoiceId })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "conflict", message: expect.stringContaining("another deal") });
    const linked = await db.select({ id: deals.id }).from(deals).where(and(eq(deals.orgId, org.orgId), eq(deals.xeroInvoiceId, byHand.xeroInvoiceId)));
    expect(linked).toHaveLength(1);
  });
});
