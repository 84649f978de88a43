import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, deals, invoiceLinks, organizations, xeroInvoices } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { callXero } from "@/lib/xero/call-xero";
import { toXeroError } from "@/lib/xero/xero-error";

/** Unguessable: 32 random bytes; only its SHA-256 is stored, as API keys are. */
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export type TrackedSend = { ok: true; to: string; already: boolean } | { ok: false; code: "contact_without_email"; message: string };

/**
 * "Send invoices by Ledgerbridge": the approved invoice goes to its customer's email address through
 * the mailer, naming its number, with our tracked link. Once per invoice: a send whose email went
 * out is found and not repeated (a retry after a crash between the two can send it twice, never
 * more).
 */
export async function sendTrackedInvoice(db: Db, orgId: string, target: { xeroInvoiceId: string; number: string | null; dealId: string }): Promise<TrackedSend> {
  const [done] = await db
    .select({ to: invoiceLinks.emailedTo })
    .from(invoiceLinks)
    .where(and(eq(invoiceLinks.orgId, orgId), eq(invoiceLinks.xeroInvoiceId, target.xeroInvoiceId), isNotNull(invoiceLinks.emailedAt)))
    .limit(1);
  if (done) return { ok: true, to: done.to ?? "", already: true };
  const [who] = await db
    .select({ email: customers.email, name: customers.name, org: organizations.name })
    .from(deals)
    .innerJoin(customers, and(eq(customers.orgId, deals.orgId), eq(customers.id, deals.customerId)))
    .innerJoin(organizations, eq(organizations.id, deals.orgId))
    .where(and(eq(deals.orgId, orgId), eq(deals.id, target.dealId)));
  if (!who?.email) return { ok: false, code: "contact_without_email", message: `${who?.name ?? "The customer"} has no email address: add one to the customer, then retry.` };
  // A link made by an attempt whose email never went out is replaced: its token was never sent.
  await db.delete(invoiceLinks).where(and(eq(invoiceLinks.orgId, orgId), eq(invoiceLinks.xeroInvoiceId, target.xeroInvoiceId), isNull(invoiceLinks.emailedAt)));
  const number = target.number ?? "your invoice";
  await emailWithTrackedLink(db, orgId, target.xeroInvoiceId, who.email, (url) => ({
    subject: `Invoice ${number} from ${who.org}`,
    text: `Hello ${who.name},\n\nInvoice ${number} from ${who.org} is ready. View it and pay online here:\n\n${url}\n\nThank you.`,
  }));
  await db.update(xeroInvoices).set({ sentAt: sql`coalesce(${xeroInvoices.sentAt}, now())` }).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, target.xeroInvoiceId)));
  return { ok: true, to: who.email, already: false };
}

/**
 * One email carrying a new tracked link to the invoice (the first send, or a reminder): the link is
 * kept (its hash) before the email goes, and marked emailed once it went, so only links someone
 * received ever open.
 */
export async function emailWithTrackedLink(db: Db, orgId: string, xeroInvoiceId: string, to: string, compose: (url: string) => { subject: string; text: string }): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  const [link] = await db.insert(invoiceLinks).values({ orgId, xeroInvoiceId, tokenHash: hashOf(token) }).returning({ id: invoiceLinks.id });
  await sendMail(db, { to, ...compose(`${getEnv().appUrl}/i/${token}`) });
  await db.update(invoiceLinks).set({ emailedAt: new Date(), emailedTo: to }).where(eq(invoiceLinks.id, link.id));
}

export type OpenedLink = { kind: "redirect"; url: string } | { kind: "not_found" } | { kind: "unavailable"; message: string };

/**
 * A customer opens our link: the first open records Viewed (on the invoice, with a note in its
 * Xero history), then the customer goes to Xero's online invoice, where they can pay. Xero not
 * answering is a page that says to try again, never a 500.
 */
export async function openTrackedLink(db: Db, token: string): Promise<OpenedLink> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { kind: "not_found" };
  const [link] = await db.select().from(invoiceLinks).where(eq(invoiceLinks.tokenHash, hashOf(token)));
  if (!link || !link.emailedAt) return { kind: "not_found" };
  const [first] = await db
    .update(invoiceLinks)
    .set({ firstViewedAt: new Date() })
    .where(and(eq(invoiceLinks.id, link.id), isNull(invoiceLinks.firstViewedAt)))
    .returning({ at: invoiceLinks.firstViewedAt });
  if (first) {
    await db.update(xeroInvoices).set({ viewedAt: sql`coalesce(${xeroInvoices.viewedAt}, ${first.at})` }).where(and(eq(xeroInvoices.orgId, link.orgId), eq(xeroInvoices.xeroInvoiceId, link.xeroInvoiceId)));
    try {
      await callXero(db, link.orgId, { method: "PUT", path: "/Invoices/History" }, (x, t) =>
        x.accountingApi.createInvoiceHistory(t, link.xeroInvoiceId, { historyRecords: [{ details: `Viewed by the customer through Ledgerbridge's link (${link.emailedTo ?? "their email"}).` }] }),
      );
    } catch (error) {
      // The view is recorded here; the note in Xero is a courtesy.
      getLogger().warn({ err: error, orgId: link.orgId }, "viewed note not added to the invoice's Xero history");
    }
  }
  try {
    const answer = await callXero(db, link.orgId, { method: "GET", path: "/Invoices/OnlineInvoice" }, (x, t) => x.accountingApi.getOnlineInvoice(t, link.xeroInvoiceId));
    const url = answer.body.onlineInvoices?.[0]?.onlineInvoiceUrl;
    if (!url) return { kind: "unavailable", message: "Xero has no online page for this invoice right now." };
    return { kind: "redirect", url };
  } catch (error) {
    return { kind: "unavailable", message: `Xero did not answer (${toXeroError(error).message}).` };
  }
}
