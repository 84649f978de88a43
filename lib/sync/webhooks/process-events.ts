import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroWebhookEvents } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import { matchUnlinkedContacts } from "../contacts/match-contacts";
import { applyPulledContacts } from "../contacts/pull-contacts";
import { mirrorCreditNotes } from "../invoices/mirror-credit-notes";
import { mirrorInvoices } from "../invoices/mirror-invoices";
import { pullResources } from "../pull/pull-resources";
import { ownEchoes } from "./own-writes";

/** Ids per call: Xero takes comma lists; about 50 keeps the URL short (xero-notes.md). */
const IDS_PER_CALL = 50;

export interface WebhookProcessResult {
  events: number;
  contacts: number;
  invoices: number;
  /** Events that were the echo of our own write: closed without a fetch. */
  echoes: number;
  calls: number;
}

/**
 * What a batch of webhook events names, fetched in batches (Contacts?IDs=, Invoices?IDs=; never one
 * GET per record) and applied like any pull. An invoice event may be a payment (Xero has no payment
 * webhook), so the payments cursor is pulled once too. The echo of our own write is closed without
 * a fetch (own-writes.ts). Events are marked done only after their
 * records are applied: a crash re-runs them, and applying twice is harmless.
 */
export async function processWebhookEvents(db: Db, orgId: string): Promise<WebhookProcessResult> {
  const events = await db
    .select()
    .from(xeroWebhookEvents)
    .where(and(eq(xeroWebhookEvents.orgId, orgId), isNull(xeroWebhookEvents.processedAt)))
    .limit(5000);
  if (!events.length) return { events: 0, contacts: 0, invoices: 0, echoes: 0, calls: 0 };
  // Xero echoes each of our writes; what its answer gave us already needs no second read.
  const echoes = await ownEchoes(db, orgId, events);
  const ids = (category: string) => [...new Set(events.filter((e) => e.category === category && !echoes.has(e.id)).map((e) => e.resourceId))];
  const contactIds = ids("CONTACT");
  const invoiceIds = ids("INVOICE");
  const creditNoteIds = ids("CREDITNOTE");
  let calls = 0;
  for (let i = 0; i < contactIds.length; i += IDS_PER_CALL) {
    const chunk = contactIds.slice(i, i + IDS_PER_CALL);
    const answer = await callXero(db, orgId, { method: "GET", path: "/Contacts?IDs" }, (x, t) => x.accountingApi.getContacts(t, undefined, undefined, undefined, chunk, undefined, true));
    calls++;
    const applied = await applyPulledContacts(db, orgId, answer.body.contacts ?? [], "webhook");
    if (applied.unlinked.length) await matchUnlinkedContacts(db, orgId, "webhook", applied.unlinked);
  }
  for (let i = 0; i < invoiceIds.length; i += IDS_PER_CALL) {
    const chunk = invoiceIds.slice(i, i + IDS_PER_CALL);
    const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?IDs" }, (x, t) => x.accountingApi.getInvoices(t, undefined, undefined, undefined, chunk, undefined, undefined, undefined, 1, undefined, undefined, 4));
    calls++;
    await mirrorInvoices(db, orgId, answer.body.invoices ?? [], "webhook");
  }
  for (let i = 0; i < creditNoteIds.length; i += IDS_PER_CALL) {
    // GET /CreditNotes has no IDs filter: the ids go in one `where`.
    const where = creditNoteIds
      .slice(i, i + IDS_PER_CALL)
      .map((id) => `CreditNoteID==guid(${JSON.stringify(id)})`)
      .join(" OR ");
    const answer = await callXero(db, orgId, { method: "GET", path: "/CreditNotes?where=CreditNoteID" }, (x, t) => x.accountingApi.getCreditNotes(t, undefined, where, undefined, 1, 4));
    calls++;
    await mirrorCreditNotes(db, orgId, answer.body.creditNotes ?? []);
  }
  if (invoiceIds.length) {
    await pullResources(db, orgId, ["payments"], { mode: "incremental", trigger: "webhook" });
    calls++;
  }
  await db
    .update(xeroWebhookEvents)
    .set({ processedAt: new Date() })
    .where(inArray(xeroWebhookEvents.id, events.map((e) => e.id)));
  return { events: events.length, contacts: contactIds.length, invoices: invoiceIds.length, echoes: echoes.size, calls };
}
