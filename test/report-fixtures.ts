import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, deals, subscriptions, xeroContacts, xeroCreditNotes, xeroInvoices, xeroPayments } from "@/db/schema";
import { listStages } from "@/lib/crm/pipeline-stages";

/**
 * Mirror rows written straight into the tables, as the sync leaves them, for report tests whose
 * figures are computed by hand: every field a report reads is given, the rest has Xero's defaults.
 */
export function reportBooks(db: Db, orgId: string) {
  const at = new Date("2026-11-01T00:00:00Z");
  return {
    async customer(name: string, values: { leadSource?: string | null; linked?: boolean; paymentTermDays?: number } = {}) {
      const xeroContactId = values.linked === false ? null : randomUUID();
      const [row] = await db.insert(customers).values({ orgId, name, leadSource: values.leadSource ?? null, xeroContactId, paymentTermDays: values.paymentTermDays ?? null }).returning();
      if (xeroContactId) await db.insert(xeroContacts).values({ orgId, xeroContactId, customerId: row.id, status: "ACTIVE", name, values: {} as never, xeroUpdatedAt: at });
      return { id: row.id, xeroContactId: xeroContactId ?? randomUUID() };
    },
    /** A Xero contact linked to no CRM customer. */
    async contact(name: string) {
      const xeroContactId = randomUUID();
      await db.insert(xeroContacts).values({ orgId, xeroContactId, status: "ACTIVE", name, values: {} as never, xeroUpdatedAt: at });
      return { xeroContactId };
    },
    async invoice(values: { contact: string; date: string; total: string; subTotal?: string; amountDue?: string; status?: string; type?: string; currency?: string; rate?: string; dueDate?: string | null; fullyPaidOn?: string | null; dealId?: string | null; lineAmountTypes?: string; number?: string }) {
      const xeroInvoiceId = randomUUID();
      const total = values.total;
      const [row] = await db
        .insert(xeroInvoices)
        .values({
          orgId,
          xeroInvoiceId,
          type: values.type ?? "ACCREC",
          number: values.number ?? `INV-${xeroInvoiceId.slice(0, 6)}`,
          xeroContactId: values.contact,
          dealId: values.dealId ?? null,
          status: values.status ?? "AUTHORISED",
          lineAmountTypes: values.lineAmountTypes ?? "Exclusive",
          currency: values.currency ?? "USD",
          currencyRate: values.rate ?? "1",
          subTotal: values.subTotal ?? total,
          totalTax: "0",
          total,
          amountDue: values.amountDue ?? total,
          amountPaid: "0",
          amountCredited: "0",
          date: values.date,
          dueDate: values.dueDate === undefined ? values.date : values.dueDate,
          fullyPaidOn: values.fullyPaidOn ?? null,
          xeroUpdatedAt: at,
        })
        .returning();
      return row;
    },
    async payment(values: { invoice: string; date: string; amount: string; rate?: string; status?: string; paymentType?: string; currency?: string }) {
      // Its contact is the mirrored invoice's, as the mirror keeps it (none for an invoice not mirrored).
      const xeroContactId = sql<string | null>`(select ${xeroInvoices.xeroContactId} from ${xeroInvoices} where ${xeroInvoices.orgId} = ${orgId} and ${xeroInvoices.xeroInvoiceId} = ${values.invoice})`;
      await db.insert(xeroPayments).values({ orgId, xeroPaymentId: randomUUID(), xeroInvoiceId: values.invoice, xeroContactId, currency: values.currency ?? "USD", paymentType: values.paymentType ?? "ACCRECPAYMENT", status: values.status ?? "AUTHORISED", date: values.date, amount: values.amount, currencyRate: values.rate ?? "1", xeroUpdatedAt: at });
    },
    async creditNote(values: { contact: string; date: string; total: string; status?: string; currency?: string; rate?: string }) {
      await db.insert(xeroCreditNotes).values({ orgId, xeroCreditNoteId: randomUUID(), xeroContactId: values.contact, status: values.status ?? "AUTHORISED", date: values.date, currency: values.currency ?? "USD", currencyRate: values.rate ?? "1", subTotal: values.total, totalTax: "0", total: values.total, remainingCredit: "0", xeroUpdatedAt: at });
    },
    /** A deal in the first stage of that kind, or in the stage of that name ("Qualified": 25%). */
    async deal(values: { customerId: string; title: string; amount: string; currency?: string; stage?: "won" | "open" | "lost"; stageName?: string; xeroInvoiceId?: string | null; wonAt?: Date; expectedCloseDate?: string | null }) {
      const stages = await listStages(db, orgId);
      const stage = values.stageName ? stages.find((s) => s.name === values.stageName)! : stages.find((s) => s.kind === (values.stage ?? "won"))!;
      const [row] = await db
        .insert(deals)
        .values({ orgId, title: values.title, customerId: values.customerId, stageId: stage.id, currency: values.currency ?? "USD", amount: values.amount, wonAt: stage.kind === "won" ? (values.wonAt ?? at) : null, xeroInvoiceId: values.xeroInvoiceId ?? null, expectedCloseDate: values.expectedCloseDate ?? null })
        .returning();
      return row;
    },
    async subscription(values: { customerId: string; amount: string; nextBillingDate: string | null; currency?: string; status?: "active" | "paused" | "cancelled" | "ended" }) {
      await db.insert(subscriptions).values({ orgId, customerId: values.customerId, interval: "monthly", startDate: "2026-01-01", status: values.status ?? "active", nextBillingDate: values.nextBillingDate, amount: values.amount, currency: values.currency ?? "USD" });
    },
  };
}
