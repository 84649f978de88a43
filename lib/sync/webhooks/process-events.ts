import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncItems, xeroWebhookEvents } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { matchUnlinkedContacts } from "../contacts/match-contacts";
import { applyPulledContacts } from "../contacts/pull-contacts";
import { mirrorCreditNotes } from "../invoices/mirror-credit-notes";
import { mirrorInvoices } from "../invoices/mirror-invoices";
import { pullResources } from "../pull/pull-resources";
import { touchesTrackedStock } from "../items/stock";
import { ownEchoes } from "./own-writes";

/** Ids per call: Xero takes comma lists; about 50 keeps the URL short (xero-notes.md). */
const IDS_PER_CALL = 50;
/**
 * Xero calls one round may make. A round is one job step: bounded, so a burst of thousands of
 * changes is worked off in rounds that each keep what they did, and the tenant's minute (60
 * calls) is never all spent on webhooks while won deals wait to be invoiced.
 */
export const CALLS_PER_ROUND = 20;

/**
 * How long an event may wait for the answer of a push of ours that is still in flight. Xero raises
 * the echo the moment it saves our write, so on a slow network the echo can arrive before the
 * answer that lets us recognise it (own-writes.ts); it waits for the push to settle instead of
 * being fetched. Bounded, so a push that hangs (its lease lapses later) never stalls the webhooks.
 */
export const HOLD_FOR_ANSWER_MS = 30_000;

/** The outbox entities whose push writes records of each webhook category (and remembers them). */
const PUSHED_BY: Record<string, "customer" | "deal"> = { CONTACT: "customer", INVOICE: "deal" };

export interface WebhookProcessResult {
  events: number;
  contacts: number;
  invoices: number;
  /** Events that were the echo of our own write: closed without a fetch. */
  echoes: number;
  calls: number;
  /** Events still waiting after this round (the job runs another). */
  remaining: number;
  /** Events left for a later round because a push of their category is waiting for Xero's answer. */
  held: number;
}

type Category = "CONTACT" | "INVOICE" | "CREDITNOTE";
interface Chunk {
  category: Category;
  ids: string[];
}

/**
 * One round of what webhook events name, fetched in batches (Contacts?IDs=, Invoices?IDs=; never
 * one GET per record) and applied like any pull. Each batch's events are marked done as soon as
 * its records are applied, so a round cut short (a 429, a crash) never fetches them again; a
 * round makes at most `maxCalls` calls. An invoice event may be a payment (Xero has no payment
 * webhook), so a round with invoices pulls the payments cursor once. The echo of our own write is
 * closed without a fetch (own-writes.ts); an event that may be the echo of a push still waiting for
 * its answer is left for a later round (HOLD_FOR_ANSWER_MS).
 */
export async function processWebhookEvents(db: Db, orgId: string, maxCalls = CALLS_PER_ROUND): Promise<WebhookProcessResult> {
  const received = await db
    .select()
    .from(xeroWebhookEvents)
    .where(and(eq(xeroWebhookEvents.orgId, orgId), isNull(xeroWebhookEvents.processedAt)))
    .orderBy(asc(xeroWebhookEvents.receivedAt))
    .limit(5000);
  const result: WebhookProcessResult = { events: 0, contacts: 0, invoices: 0, echoes: 0, calls: 0, remaining: 0, held: 0 };
  if (!received.length) return result;
  const { busy, now } = await pushesInFlight(db, orgId);
  const holdSince = now - HOLD_FOR_ANSWER_MS;
  const events = received.filter((e) => !(busy.has(PUSHED_BY[e.category]) && e.receivedAt.getTime() > holdSince));
  result.held = received.length - events.length;
  const done = (eventIds: string[]) => (eventIds.length ? db.update(xeroWebhookEvents).set({ processedAt: new Date() }).where(inArray(xeroWebhookEvents.id, eventIds)) : Promise.resolve());
  // Xero echoes each of our writes; what its answer gave us already needs no second read.
  const echoes = await ownEchoes(db, orgId, events);
  await done([...echoes]);
  result.echoes = echoes.size;
  result.events = echoes.size;

  const open = events.filter((e) => !echoes.has(e.id));
  const chunks: Chunk[] = [];
  for (const category of ["CONTACT", "INVOICE", "CREDITNOTE"] as const) {
    const ids = [...new Set(open.filter((e) => e.category === category).map((e) => e.resourceId))];
    for (let i = 0; i < ids.length; i += IDS_PER_CALL) chunks.push({ category, ids: ids.slice(i, i + IDS_PER_CALL) });
  }
  // Events of a category we do not fetch are done at once.
  await done(open.filter((e) => !["CONTACT", "INVOICE", "CREDITNOTE"].includes(e.category)).map((e) => e.id));

  let invoicesSeen = false;
  for (const chunk of chunks) {
    // Keep one call of the round for the payments pull that invoice changes need.
    if (result.calls >= maxCalls - (chunk.category === "INVOICE" && !invoicesSeen ? 1 : 0)) break;
    await applyChunk(db, orgId, chunk);
    result.calls++;
    if (chunk.category === "CONTACT") result.contacts += chunk.ids.length;
    if (chunk.category === "INVOICE") {
      result.invoices += chunk.ids.length;
      invoicesSeen = true;
    }
    const named = new Set(chunk.ids);
    const eventIds = open.filter((e) => e.category === chunk.category && named.has(e.resourceId)).map((e) => e.id);
    // Marked before the payments pull: a payment missed by a cut-short round is found by the next pull.
    await done(eventIds);
    result.events += eventIds.length;
  }
  if (invoicesSeen) {
    await pullResources(db, orgId, ["payments"], { mode: "incremental", trigger: "webhook" });
    result.calls++;
    // Items have no webhook: an invoice on a tracked item (approved, voided) moved stock in Xero.
    const invoiceIds = [...new Set(open.filter((e) => e.category === "INVOICE").map((e) => e.resourceId))];
    if (await touchesTrackedStock(db, orgId, invoiceIds)) {
      await pullResources(db, orgId, ["items"], { mode: "full", trigger: "webhook" });
      result.calls++;
    }
  }
  const pending = await db.$count(xeroWebhookEvents, and(eq(xeroWebhookEvents.orgId, orgId), isNull(xeroWebhookEvents.processedAt)));
  result.remaining = pending;
  return result;
}

/**
 * The entities (of PUSHED_BY) with a push holding a live claim: a write whose answer has not been
 * settled yet. On the database's clock, as the leases and the events' receipt times are.
 */
async function pushesInFlight(db: Db, orgId: string): Promise<{ busy: Set<string>; now: number }> {
  const result = await db.execute(sql`
    select now() as now, coalesce(array_agg(distinct ${syncItems.entityType}::text) filter (where ${syncItems.id} is not null), '{}') as busy
    from (select 1) one
    left join ${syncItems} on ${syncItems.orgId} = ${orgId} and ${syncItems.status} = 'in_flight'
      and ${syncItems.entityType} in ('customer', 'deal') and ${syncItems.claimedUntil} > now()`);
  const row = result.rows[0] as { now: Date | string; busy: string[] | string };
  const busy = Array.isArray(row.busy) ? row.busy : String(row.busy).replace(/[{}]/g, "").split(",").filter(Boolean);
  return { busy: new Set(busy), now: new Date(row.now).getTime() };
}

async function applyChunk(db: Db, orgId: string, { category, ids }: Chunk): Promise<void> {
  if (category === "CONTACT") {
    const answer = await callXero(db, orgId, { method: "GET", path: "/Contacts?IDs", purpose: "poll" }, (x, t) => x.accountingApi.getContacts(t, undefined, undefined, undefined, ids, undefined, true));
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      const applied = await applyPulledContacts(tx, orgId, answer.body.contacts ?? [], "webhook");
      if (applied.unlinked.length) await matchUnlinkedContacts(tx, orgId, "webhook", applied.unlinked);
    });
  } else if (category === "INVOICE") {
    const answer = await callXero(db, orgId, { method: "GET", path: "/Invoices?IDs", purpose: "poll" }, (x, t) => x.accountingApi.getInvoices(t, undefined, undefined, undefined, ids, undefined, undefined, undefined, 1, undefined, undefined, 4));
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, (tx) => mirrorInvoices(tx, orgId, answer.body.invoices ?? [], "webhook"));
  } else {
    // GET /CreditNotes has no IDs filter: the ids go in one `where`.
    const where = ids.map((id) => `CreditNoteID==guid(${JSON.stringify(id)})`).join(" OR ");
    const answer = await callXero(db, orgId, { method: "GET", path: "/CreditNotes?where=CreditNoteID", purpose: "poll" }, (x, t) => x.accountingApi.getCreditNotes(t, undefined, where, undefined, 1, 4));
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, (tx) => mirrorCreditNotes(tx, orgId, answer.body.creditNotes ?? []));
  }
}
