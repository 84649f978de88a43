import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Invoice } from "xero-node";
import type { Db } from "@/db";
import { deals, organizations, subscriptions, xeroInvoiceLines, xeroInvoices, type XeroInvoice } from "@/db/schema";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { getInvoiceSettings } from "@/lib/billing/invoice-settings";
import { enqueueSync } from "@/lib/crm/outbox";
import { formatMoney } from "@/lib/crm/money";
import { subtractDecimals, toScaled } from "@/lib/reports/money-rules";
import { customersByContact, excludedSet, notStale, storedIsNotNewer } from "../mirror-helpers";
import { subscriptionIdFromReference } from "../subscriptions/subscription-reference";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { money2, updatedAtOf, ymd } from "../xero-values";
import { dealIdFromReference } from "./deal-reference";
import { DEAD_INVOICE_STATUSES } from "./invoice-status";
import { paymentsFollowInvoices } from "./payment-contact";

export interface InvoiceMirrorResult {
  saved: number;
  newlyPaid: number;
}

/**
 * Mirrors sales invoices as Xero has them, with their lines, linked to our customer (through the
 * contact's link) and to their deal (the [lb:id] marker in the Reference, or the deal that stores
 * the invoice's id). An invoice that became PAID tells the deal's owner. Bills (ACCPAY) stay out.
 * Lines are replaced only for invoices that carry them (summary pulls do not).
 */
export async function mirrorInvoices(db: Db, orgId: string, invoices: Invoice[], trigger: SyncTrigger): Promise<InvoiceMirrorResult> {
  const incoming = invoices.filter((i) => i.invoiceID && String(i.type) === "ACCREC");
  if (!incoming.length) return { saved: 0, newlyPaid: 0 };
  const stored = await db
    .select({ id: xeroInvoices.xeroInvoiceId, status: xeroInvoices.status, updatedAt: xeroInvoices.xeroUpdatedAt })
    .from(xeroInvoices)
    .where(and(eq(xeroInvoices.orgId, orgId), inArray(xeroInvoices.xeroInvoiceId, incoming.map((i) => i.invoiceID!))));
  // A page or an answer older than what is stored changes nothing: no row, no lines, no "Paid" note.
  const sales = notStale(incoming, (i) => updatedAtOf(i.updatedDateUTC), new Map(stored.map((r) => [r.id, r.updatedAt])), (i) => i.invoiceID!);
  if (!sales.length) return { saved: 0, newlyPaid: 0 };
  const ids = sales.map((i) => i.invoiceID!);
  const customerByContact = await customersByContact(db, orgId, sales.map((i) => i.contact?.contactID));
  const markedDeals = [...new Set(sales.map((i) => dealIdFromReference(i.reference)).filter((id): id is string => !!id))];
  const dealRows = await db
    .select({ id: deals.id, xeroInvoiceId: deals.xeroInvoiceId, ownerId: deals.ownerId, title: deals.title })
    .from(deals)
    .where(and(eq(deals.orgId, orgId), or(inArray(deals.xeroInvoiceId, ids), markedDeals.length ? inArray(deals.id, markedDeals) : undefined)));
  const dealByInvoice = new Map(dealRows.filter((d) => d.xeroInvoiceId).map((d) => [d.xeroInvoiceId!, d]));
  // An invoice a repeating invoice generated belongs to the subscription that repeating invoice is.
  const repeating = [...new Set(sales.map((i) => i.repeatingInvoiceID).filter((id): id is string => !!id))];
  const subscriptionByRepeating = new Map(
    (repeating.length ? await db.select({ id: subscriptions.id, repeatingId: subscriptions.xeroRepeatingInvoiceId }).from(subscriptions).where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.xeroRepeatingInvoiceId, repeating))) : []).map((r) => [r.repeatingId!.toLowerCase(), r.id]),
  );
  // The repeating invoice's Reference (copied to each invoice it makes) names its subscription too:
  // an invoice mirrored after a pause cleared the link, or before the create was settled, still joins it.
  const marked = [...new Set(sales.map((i) => subscriptionIdFromReference(i.reference)).filter((id): id is string => !!id))];
  const subscriptionByMarker = new Set(
    (marked.length ? await db.select({ id: subscriptions.id }).from(subscriptions).where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.id, marked))) : []).map((r) => r.id),
  );
  const subscriptionOf = (i: Invoice) => {
    const byRepeating = i.repeatingInvoiceID ? subscriptionByRepeating.get(i.repeatingInvoiceID.toLowerCase()) : undefined;
    const byMarker = subscriptionIdFromReference(i.reference);
    return byRepeating ?? (byMarker && subscriptionByMarker.has(byMarker) ? byMarker : null);
  };
  const dealById = new Map(dealRows.map((d) => [d.id, d]));
  // The status each invoice had before this write, read under a row lock inside the transaction
  // below: two copies of one payment applied at once (a pull and a webhook fetch) take turns, and
  // the second sees PAID, so only one sends the "Paid" note.
  const before = new Map<string, string>();
  const paidBefore = new Map<string, string>();

  const rows: (typeof xeroInvoices.$inferInsert)[] = sales.map((i) => {
    const marked = dealIdFromReference(i.reference);
    const deal = dealByInvoice.get(i.invoiceID!) ?? (marked ? dealById.get(marked) : undefined);
    return {
      orgId,
      xeroInvoiceId: i.invoiceID!,
      type: "ACCREC",
      number: i.invoiceNumber ?? null,
      reference: i.reference || null,
      xeroContactId: i.contact?.contactID ?? "",
      customerId: customerByContact.get(i.contact?.contactID ?? "") ?? null,
      dealId: deal?.id ?? null,
      repeatingInvoiceId: i.repeatingInvoiceID ?? null,
      subscriptionId: subscriptionOf(i),
      status: String(i.status ?? "DRAFT"),
      sentToContact: i.sentToContact ?? false,
      // First seen sent: by its last change in Xero at the latest (an old invoice imported already sent
      // was not sent today; a webhook's is stamped moments ago), kept from then on.
      sentAt: i.sentToContact ? updatedAtOf(i.updatedDateUTC) : null,
      lineAmountTypes: String(i.lineAmountTypes ?? "Exclusive"),
      currency: String(i.currencyCode ?? ""),
      currencyRate: String(i.currencyRate || 1),
      subTotal: money2(i.subTotal),
      totalTax: money2(i.totalTax),
      total: money2(i.total),
      amountDue: money2(i.amountDue),
      amountPaid: money2(i.amountPaid),
      amountCredited: money2(i.amountCredited),
      date: ymd(i.date) ?? new Date().toISOString().slice(0, 10),
      dueDate: ymd(i.dueDate),
      fullyPaidOn: ymd(i.fullyPaidOnDate),
      xeroUpdatedAt: updatedAtOf(i.updatedDateUTC),
    };
  });
  // Lines, deal links, notes and log lines follow only the rows the guard let through (RETURNING):
  // a pull and a webhook fetch of one invoice side by side cannot swap in the older copy's lines.
  const written = new Set<string>();
  await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: xeroInvoices.xeroInvoiceId, status: xeroInvoices.status, amountPaid: xeroInvoices.amountPaid })
      .from(xeroInvoices)
      .where(and(eq(xeroInvoices.orgId, orgId), inArray(xeroInvoices.xeroInvoiceId, ids)))
      .orderBy(xeroInvoices.xeroInvoiceId)
      .for("update");
    for (const r of locked) {
      before.set(r.id, r.status);
      paidBefore.set(r.id, r.amountPaid);
    }
    for (let n = 0; n < rows.length; n += 500) {
      const upserted = await tx
        .insert(xeroInvoices)
        .values(rows.slice(n, n + 500))
        .onConflictDoUpdate({ target: [xeroInvoices.orgId, xeroInvoices.xeroInvoiceId], set: { ...excludedSet(INVOICE_COLUMNS), sentAt: sql`coalesce(${xeroInvoices.sentAt}, excluded.sent_at)`, subscriptionId: sql`coalesce(excluded.subscription_id, ${xeroInvoices.subscriptionId})` }, setWhere: storedIsNotNewer(xeroInvoices.xeroUpdatedAt) })
        .returning({ id: xeroInvoices.xeroInvoiceId });
      upserted.forEach((r) => written.add(r.id));
    }
    // The invoices' payments carry their contact: they follow an invoice Xero moved to another
    // contact (an edit, a merge), and a payment that came first gets its invoice's contact now.
    await paymentsFollowInvoices(tx, orgId, [...written]);
    const withLines = sales.filter((i) => written.has(i.invoiceID!) && i.lineItems && i.lineItems.length);
    if (withLines.length) {
      const lineIds = withLines.map((i) => i.invoiceID!);
      for (let n = 0; n < lineIds.length; n += 1000) await tx.delete(xeroInvoiceLines).where(and(eq(xeroInvoiceLines.orgId, orgId), inArray(xeroInvoiceLines.xeroInvoiceId, lineIds.slice(n, n + 1000))));
      const lines = withLines.flatMap((i) =>
        i.lineItems!.map((l, position) => ({
          orgId,
          xeroInvoiceId: i.invoiceID!,
          lineItemId: l.lineItemID ?? `${i.invoiceID}-${position}`,
          position,
          description: l.description ?? null,
          quantity: String(l.quantity ?? 0),
          unitAmount: String(l.unitAmount ?? 0),
          itemCode: l.itemCode ?? null,
          accountCode: l.accountCode ?? null,
          taxType: l.taxType ?? null,
          taxAmount: money2(l.taxAmount),
          lineAmount: money2(l.lineAmount),
          discountRate: l.discountRate ? String(l.discountRate) : null,
        })),
      );
      for (let n = 0; n < lines.length; n += 500) await tx.insert(xeroInvoiceLines).values(lines.slice(n, n + 500)).onConflictDoNothing();
    }
    // A deal learns its invoice from the marker: an invoice made before its answer came back is linked here.
    // A voided or deleted invoice lets go of its deal (which may be invoiced again); the mirror row
    // keeps deal_id, so every invoice a deal ever had stays listed for it (data gap 7).
    for (const row of rows.filter((r) => written.has(r.xeroInvoiceId))) {
      if (DEAD_INVOICE_STATUSES.has(row.status!)) {
        await tx
          .update(deals)
          .set({ xeroInvoiceId: null })
          .where(and(eq(deals.orgId, orgId), eq(deals.xeroInvoiceId, row.xeroInvoiceId)));
        continue;
      }
      if (row.dealId && !dealByInvoice.has(row.xeroInvoiceId)) {
        await tx
          .update(deals)
          .set({ xeroInvoiceId: row.xeroInvoiceId })
          .where(and(eq(deals.orgId, orgId), eq(deals.id, row.dealId), sql`${deals.xeroInvoiceId} is null`));
      }
    }
    // Approved in Xero (seen going from draft or submitted to approved, not imported so): it goes to
    // the customer as the settings say, as one approved here does (push-invoice-emails.ts).
    const approvedInXero = rows.filter((r) => written.has(r.xeroInvoiceId) && r.dealId && r.status === "AUTHORISED" && !r.sentToContact && ["DRAFT", "SUBMITTED"].includes(before.get(r.xeroInvoiceId) ?? ""));
    if (approvedInXero.length) {
      const settings = await getInvoiceSettings(tx, orgId);
      if (settings.sendToCustomer || settings.sendByLedgerbridge) for (const r of approvedInXero) await enqueueSync(tx, orgId, "invoice_email", r.dealId!, "upsert", r.xeroInvoiceId);
    }
  });

  const applied = rows.filter((r) => written.has(r.xeroInvoiceId));
  const paid = applied.filter((r) => r.status === "PAID" && before.has(r.xeroInvoiceId) && before.get(r.xeroInvoiceId) !== "PAID");
  // News for the deal's owner: the amount paid went up (a payment), or the invoice became PAID
  // without it (a credit note settled it), on an invoice already mirrored (an import is history).
  const newlyPaid = new Set(paid.map((r) => r.xeroInvoiceId));
  const received = applied
    .filter((r) => paidBefore.has(r.xeroInvoiceId))
    .map((r) => ({ invoice: r, paidBefore: paidBefore.get(r.xeroInvoiceId)!, becamePaid: newlyPaid.has(r.xeroInvoiceId) }))
    .filter((e) => e.becamePaid || toScaled(e.invoice.amountPaid!, 2) > toScaled(e.paidBefore, 2));
  await tellOwnersPaymentReceived(db, orgId, received, dealById, dealByInvoice);
  const log: SyncLogInput[] = applied
    .filter((r) => before.get(r.xeroInvoiceId) !== r.status)
    .map((r) => ({ orgId, recordType: "invoice", recordId: r.dealId ?? null, xeroId: r.xeroInvoiceId, direction: "pull" as const, operation: before.has(r.xeroInvoiceId) ? "update" : "import", result: "ok" as const, message: `${r.number ?? "Invoice"} ${before.has(r.xeroInvoiceId) ? `${before.get(r.xeroInvoiceId)} -> ${r.status}` : r.status}`, trigger }));
  // An import of thousands logs one line, not one per invoice.
  if (log.length > 50) await logSync(db, [{ orgId, recordType: "invoice", direction: "pull", operation: "import", result: "ok", message: `${log.length} invoices mirrored from Xero.`, trigger }]);
  else await logSync(db, log);
  return { saved: applied.length, newlyPaid: paid.length };
}

const INVOICE_COLUMNS = ["number", "reference", "xero_contact_id", "customer_id", "deal_id", "repeating_invoice_id", "status", "sent_to_contact", "line_amount_types", "currency", "currency_rate", "sub_total", "total_tax", "total", "amount_due", "amount_paid", "amount_credited", "date", "due_date", "fully_paid_on", "xero_updated_at"];

type DealLink = { id: string; ownerId: string | null; title: string };
type Received = { invoice: typeof xeroInvoices.$inferInsert; paidBefore: string; becamePaid: boolean };

/** What one payment event says, with and without its amounts. */
function describe(e: Received, deal: DealLink) {
  const inv = e.invoice;
  const number = inv.number ?? "invoice";
  const delta = subtractDecimals(inv.amountPaid!, e.paidBefore);
  const paidSome = toScaled(delta, 2) > BigInt(0);
  const inFull = inv.status === "PAID";
  const title = inFull ? `Paid: ${number} for "${deal.title}"` : `Payment received: ${number} for "${deal.title}"`;
  const withAmounts = paidSome ? `${formatMoney(delta, inv.currency!)} received in Xero; ${inFull ? "the invoice is paid in full." : `${formatMoney(inv.amountDue!, inv.currency!)} still due.`}` : "Settled in Xero (a credit note or other allocation); the invoice is paid in full.";
  const withoutAmounts = paidSome ? (inFull ? "The invoice is paid in full." : "A part payment was received; some is still due.") : "Settled in Xero; the invoice is paid in full.";
  return { title, withAmounts, withoutAmounts };
}

/**
 * Tells each deal's owner (by the alert channels they chose) of payments on their deals' invoices:
 * one alert per owner per sync, so a catch-up pull of forty payments is one message, not forty.
 * Invoices of deals with no owner still reach the organisation's webhook.
 */
async function tellOwnersPaymentReceived(db: Db, orgId: string, received: Received[], dealById: Map<string, DealLink>, dealByInvoice: Map<string, DealLink>) {
  if (!received.length) return;
  const byOwner = new Map<string | null, { e: Received; deal: DealLink }[]>();
  for (const e of received) {
    const deal = dealByInvoice.get(e.invoice.xeroInvoiceId) ?? (e.invoice.dealId ? dealById.get(e.invoice.dealId) : undefined);
    if (!deal) continue;
    byOwner.set(deal.ownerId, [...(byOwner.get(deal.ownerId) ?? []), { e, deal }]);
  }
  if (!byOwner.size) return;
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  for (const [ownerId, events] of byOwner) {
    const described = events.map(({ e, deal }) => ({ ...describe(e, deal), deal }));
    const one = described.length === 1 ? described[0] : null;
    const list = (amounts: boolean) => described.map((d) => `${d.title}: ${amounts ? d.withAmounts : d.withoutAmounts}`).join("\n");
    await raiseAlert(db, {
      orgId,
      kind: "payment.received",
      userIds: ownerId ? [ownerId] : [],
      message: {
        title: one ? one.title : `${described.length} payments received on your deals`,
        body: one ? one.withAmounts : list(true),
        bodyWithoutAmounts: one ? one.withoutAmounts : list(false),
        link: one ? `/o/${org.slug}/deals/${one.deal.id}` : `/o/${org.slug}/deals`,
      },
    });
  }
}

export type { XeroInvoice };
