import { and, eq } from "drizzle-orm";
import type { Invoice } from "xero-node";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { subscriptions, xeroInvoices } from "@/db/schema";
import { createCustomer } from "@/lib/crm/customers";
import { customerInput, subscriptionInput } from "@/lib/crm/schemas";
import { saveSubscription } from "@/lib/crm/subscriptions";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { mirrorInvoices } from "../invoices/mirror-invoices";
import { parseInput } from "@/lib/validation";
import { subscriptionReference } from "./subscription-reference";

const generated = (repeatingId: string, reference: string): Invoice =>
  ({
    invoiceID: crypto.randomUUID(), type: "ACCREC", invoiceNumber: "INV-R", reference, contact: { contactID: "c-link" }, status: "AUTHORISED", currencyCode: "USD", currencyRate: 1, lineAmountTypes: "Exclusive",
    subTotal: 10, totalTax: 0, total: 10, amountDue: 10, amountPaid: 0, amountCredited: 0, date: "2026-11-01", dueDate: "2026-11-15", updatedDateUTC: new Date("2026-11-01T08:00:00Z"), repeatingInvoiceID: repeatingId, lineItems: [],
  }) as unknown as Invoice;

describe("an invoice a repeating invoice made joins its subscription", () => {
  it("by the repeating invoice's id, or by the subscription marker its Reference carries when the link was cleared (a pause); another organisation's marker links nothing", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const customer = await createCustomer(db, org.owner, parseInput(customerInput, { name: "Linked Co" }));
    const sub = await saveSubscription(db, org.owner, null, parseInput(subscriptionInput, { customerId: customer.id, interval: "monthly", startDate: "2026-11-01", lines: [{ description: "Plan", quantity: 1, unitPrice: 10 }] }));
    await db.update(subscriptions).set({ xeroRepeatingInvoiceId: "R-NOW" }).where(eq(subscriptions.id, sub.id));
    const other = await makeCrmOrg(db);
    const byId = generated("R-NOW", "anything");
    const byMarker = generated("R-BEFORE-PAUSE", subscriptionReference(sub.id));
    const foreign = generated("R-X", subscriptionReference(sub.id));
    await mirrorInvoices(db, org.orgId, [byId, byMarker], "webhook");
    await mirrorInvoices(db, other.orgId, [foreign], "webhook");
    const linkOf = async (orgId: string, i: Invoice) => (await db.select({ s: xeroInvoices.subscriptionId }).from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, i.invoiceID!))))[0].s;
    expect({ byId: await linkOf(org.orgId, byId), byMarker: await linkOf(org.orgId, byMarker), foreign: await linkOf(other.orgId, foreign) }).toEqual({ byId: sub.id, byMarker: sub.id, foreign: null });
  });
});
