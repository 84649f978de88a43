import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { deals, syncItems, xeroInvoices } from "@/db/schema";
import { logActivity } from "@/lib/crm/activity";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { assertCanEditOwned } from "@/lib/crm/record-access";
import { AppError, notFound } from "@/lib/errors";
import { contactCustomers } from "@/lib/reports/money-rules";
import { getInvoiceSettings } from "./invoice-settings";
import { DEAD_INVOICE_STATUSES } from "@/lib/sync/invoices/invoice-status";

export const linkInvoiceInput = z.object({
  dealId: z.uuid({ error: "Pick a deal from the list." }),
  xeroInvoiceId: z.string({ error: "Pick the Xero invoice to link." }).trim().min(1, "Pick the Xero invoice to link.").max(64, "Pick the Xero invoice to link."),
});

const DEAD = [...DEAD_INVOICE_STATUSES];

export type LinkableInvoice = { dealId: string; xeroInvoiceId: string; number: string | null; status: string; currency: string; total: string; date: string };

/**
 * The Xero invoices each deal could be linked to, in one query for a whole list: sales invoices of
 * the deal's customer (its contact link read now), not voided or deleted, that no deal claims yet;
 * newest first, at most `perDeal` each.
 */
export async function linkableInvoices(db: Db, orgId: string, dealIds: string[], perDeal = 25): Promise<Map<string, LinkableInvoice[]>> {
  const byDeal = new Map<string, LinkableInvoice[]>();
  if (!dealIds.length) return byDeal;
  const { rows } = await db.execute<LinkableInvoice>(sql`
    with links as ${contactCustomers(orgId)}
    select "dealId", "xeroInvoiceId", number, status, currency, total, date from (
      select d.id as "dealId", i.xero_invoice_id as "xeroInvoiceId", i.number, i.status, i.currency, i.total::text as total, i.date::text as date,
        row_number() over (partition by d.id order by i.date desc, i.number desc) as n
      from ${deals} d
      join links on links.customer_id = d.customer_id
      join ${xeroInvoices} i on i.org_id = ${orgId} and i.xero_contact_id = links.xero_contact_id
      where d.org_id = ${orgId} and d.id in (${sql.join(
        dealIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) and i.type = 'ACCREC'
        and i.status not in (${sql.join(
          DEAD.map((s) => sql`${s}`),
          sql`, `,
        )})
        and i.deal_id is null
        and not exists (select 1 from ${deals} other where other.org_id = ${orgId} and other.xero_invoice_id = i.xero_invoice_id)
    ) candidates where n <= ${perDeal}
    order by "dealId", date desc, number desc`);
  for (const r of rows) byDeal.set(r.dealId, [...(byDeal.get(r.dealId) ?? []), r]);
  return byDeal;
}

/**
 * "Link existing Xero invoice": the accountant already billed the deal in Xero, so the deal takes
 * that invoice instead of a new one. Refused when the deal has a live invoice, when its own invoice
 * is on its way to Xero (a link then would make two), or when the invoice is another customer's or
 * another deal's. Deal and invoice are locked for the check and the write, so two links at once
 * cannot both win.
 */
export async function linkExistingInvoice(db: Db, actor: CrmActor, input: z.infer<typeof linkInvoiceInput>): Promise<{ number: string | null }> {
  return db.transaction(async (tx) => {
    const [deal] = await tx
      .select()
      .from(deals)
      .where(and(eq(deals.orgId, actor.orgId), eq(deals.id, input.dealId)))
      .for("update");
    if (!deal) throw notFound("That deal");
    assertCanEditOwned(actor, deal.ownerId, "deals");
    if (deal.xeroInvoiceId) {
      const [current] = await tx
        .select({ status: xeroInvoices.status, number: xeroInvoices.number })
        .from(xeroInvoices)
        .where(and(eq(xeroInvoices.orgId, actor.orgId), eq(xeroInvoices.xeroInvoiceId, deal.xeroInvoiceId)));
      if (!current || !DEAD_INVOICE_STATUSES.has(current.status)) throw new AppError("conflict", `This deal already has invoice ${current?.number ?? deal.xeroInvoiceId}. Void it in Xero first to link another.`);
    }
    // A queued push of the deal makes an invoice when a person asked for it or invoice-on-win is on
    // (otherwise the pusher skips it, and after the link it would only follow a draft).
    const { invoiceOnWin } = await getInvoiceSettings(tx, actor.orgId);
    const [queued] = await tx
      .select({ status: syncItems.status })
      .from(syncItems)
      .where(and(eq(syncItems.orgId, actor.orgId), eq(syncItems.entityType, "deal"), eq(syncItems.entityId, deal.id), inArray(syncItems.status, ["pending", "in_flight"]), invoiceOnWin ? undefined : eq(syncItems.requestedBy, "manual")))
      .limit(1);
    if (queued) throw new AppError("conflict", "This deal's own invoice is on its way to Xero; linking another now would bill it twice. Wait for it (the Sync page shows it), then void one in Xero.");
    const [invoice] = await tx
      .select()
      .from(xeroInvoices)
      .where(and(eq(xeroInvoices.orgId, actor.orgId), eq(xeroInvoices.xeroInvoiceId, input.xeroInvoiceId)))
      .for("update");
    if (!invoice || invoice.type !== "ACCREC") throw notFound("That Xero invoice");
    if (DEAD_INVOICE_STATUSES.has(invoice.status)) throw new AppError("validation", `Invoice ${invoice.number ?? ""} is ${invoice.status.toLowerCase()} in Xero; it bills nothing.`, [{ field: "xeroInvoiceId", message: "Pick an invoice that is not voided or deleted." }]);
    const [claimed] = await tx
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.orgId, actor.orgId), eq(deals.xeroInvoiceId, invoice.xeroInvoiceId)));
    if ((invoice.dealId && invoice.dealId !== deal.id) || (claimed && claimed.id !== deal.id)) throw new AppError("conflict", `Invoice ${invoice.number ?? ""} already belongs to another deal.`);
    const { rows: owner } = await tx.execute<{ customer_id: string }>(sql`with links as ${contactCustomers(actor.orgId)} select customer_id from links where xero_contact_id = ${invoice.xeroContactId}`);
    if (owner[0]?.customer_id !== deal.customerId) throw new AppError("validation", `Invoice ${invoice.number ?? ""} is billed to another customer than the deal's.`, [{ field: "xeroInvoiceId", message: "Pick one of the deal customer's invoices." }]);

    await tx.update(deals).set({ xeroInvoiceId: invoice.xeroInvoiceId, updatedAt: new Date() }).where(and(eq(deals.orgId, actor.orgId), eq(deals.id, deal.id)));
    await tx.update(xeroInvoices).set({ dealId: deal.id }).where(and(eq(xeroInvoices.orgId, actor.orgId), eq(xeroInvoices.xeroInvoiceId, invoice.xeroInvoiceId)));
    await logActivity(tx, actor, deal.customerId, `Linked Xero invoice ${invoice.number ?? invoice.xeroInvoiceId} to deal "${deal.title}"`);
    return { number: invoice.number };
  });
}
