import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { XeroClient } from "xero-node";
import type { Db } from "@/db";
import { syncCursors } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import { forXeroTenant, writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { matchUnlinkedContacts } from "../contacts/match-contacts";
import { applyPulledContacts } from "../contacts/pull-contacts";
import { mirrorCashCredits } from "../cash-credits/mirror-cash-credits";
import { mirrorCreditNotes } from "../invoices/mirror-credit-notes";
import { mirrorInvoices } from "../invoices/mirror-invoices";
import { MIRRORED_PAYMENT_TYPES, mirrorPayments } from "../invoices/mirror-payments";
import type { SyncTrigger } from "../sync-log";
import { instant } from "../xero-values";
import { noteWebhookGaps } from "./webhook-gaps";
import { mirrorAccounts, mirrorCurrencies, mirrorItems, mirrorOrganisation, mirrorTaxRates } from "./mirror-reference-data";

/** Small lists, one call each, replaced whole; then the paged ones, 1000 a page, oldest change first. */
export const REFERENCE_RESOURCES = ["organisation", "currencies", "tax_rates", "accounts", "items"] as const;
export const PAGED_RESOURCES = ["contacts", "invoices", "payments", "credit_notes", "overpayments", "prepayments"] as const;
export const ALL_RESOURCES = [...REFERENCE_RESOURCES, ...PAGED_RESOURCES] as const;
export type PullResource = (typeof ALL_RESOURCES)[number];
export const PAGE_SIZE = 1000;
/** Only the payments the mirror keeps are asked for. */
const PAYMENTS_WHERE = MIRRORED_PAYMENT_TYPES.map((t) => `PaymentType=="${t}"`).join(" OR ");

export interface PullPageInput {
  /** The page of this query (1 unless a full page of changes fell within one second). */
  page: number;
  /** If-Modified-Since of this query (null: everything): the walk moves it on page by page. */
  since: Date | null;
  /** Where the whole walk started (null: from the beginning); `since` when left out. */
  walkFrom?: Date | null;
  /** The first full import: contacts are matched once all are in, and the contact push waits for it. */
  initial: boolean;
  trigger: SyncTrigger;
  /** The Xero organisation the walk started on (from the first page's answer): later pages refuse other books. */
  xeroTenantId?: string;
}

/** The query after this one: the caller passes it back as page and since, keeping walkFrom. */
export interface PullPageResult {
  received: number;
  next: { page: number; since: Date | null; xeroTenantId: string } | null;
}

interface FetchedPage<T> {
  records: T[];
  pageCount: number | null;
  /** The newest UpdatedDateUTC on the page: where the cursor moves to. */
  newest: Date | null;
  /** The oldest on the page: with the newest, how much time the page spans. */
  oldest: Date | null;
  /** Which Xero organisation answered. */
  xeroTenantId: string;
}

/** One page of a paged list, with what the cursor and the progress bar need from it. */
async function fetchPage<T extends { updatedDateUTC?: unknown }, B extends { pagination?: { pageCount?: number } }>(
  db: Db,
  orgId: string,
  path: string,
  call: (xero: XeroClient, tenantId: string) => Promise<{ body: B }>,
  recordsOf: (body: B) => T[] | undefined,
): Promise<FetchedPage<T>> {
  const answer = await callXero(db, orgId, { method: "GET", path, purpose: "poll" }, call);
  const records = recordsOf(answer.body) ?? [];
  let newest: Date | null = null;
  let oldest: Date | null = null;
  for (const r of records) {
    const t = instant(r.updatedDateUTC);
    if (t && (!newest || t > newest)) newest = t;
    if (t && (!oldest || t < oldest)) oldest = t;
  }
  return { records, pageCount: answer.body.pagination?.pageCount ?? null, newest, oldest, xeroTenantId: answer.xeroTenantId };
}

/** Where the cursor of a resource stands (created on first use). */
export async function cursorFor(db: Db, orgId: string, resource: PullResource) {
  await db.insert(syncCursors).values({ orgId, resource }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(syncCursors)
    .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, resource)));
  return row;
}

/**
 * How far an incremental pull reaches back behind the newest change seen. Xero's lists are
 * eventually consistent: a record saved a moment before a newer one can appear in the list after
 * it, so a cursor-exact pull could pass it for good. Re-reading a few minutes costs no extra call
 * (the same page) and nothing else: every write is an upsert that never goes backwards.
 */
export const CURSOR_OVERLAP_MS = 5 * 60_000;

/**
 * The If-Modified-Since of an incremental pull: the newest change seen, less the overlap (which
 * also covers Xero comparing whole seconds). Until one walk from the start has finished
 * there is no such point (an import cut short moved the cursor page by page): the pull walks from
 * the start again, and finishing it is what completes the first import.
 */
export async function incrementalSince(db: Db, orgId: string, resource: PullResource): Promise<Date | null> {
  const cursor = await cursorFor(db, orgId, resource);
  if (!cursor.initialDoneAt) return null;
  return cursor.lastUpdatedAt ? new Date(cursor.lastUpdatedAt.getTime() - CURSOR_OVERLAP_MS) : null;
}

/**
 * One page (or the one call of a small list) of a resource, applied to the mirrors, with the cursor
 * and the progress bar moved on in the same breath. Safe to repeat: the cursor only moves forward,
 * and every write is an upsert.
 */
export async function pullResourcePage(db: Db, orgId: string, resource: PullResource, input: PullPageInput): Promise<PullPageResult> {
  // The walk's first query (a time walk's later queries are page 1 too, from a later since).
  const firstQuery = input.page === 1 && (input.walkFrom === undefined || (input.since?.getTime() ?? null) === (input.walkFrom?.getTime() ?? null));
  if (firstQuery) {
    await cursorFor(db, orgId, resource);
    await setCursor(db, orgId, resource, { runningSince: new Date(), progressDone: 0, progressTotal: null, lastError: null });
  } else {
    // Each page keeps the walk alive (walkIsLive): only a walk that stopped moving counts as stalled.
    await setCursor(db, orgId, resource, { runningSince: new Date() });
  }
  // A walk that began on other books (the organisation switched between two pages) stops here.
  const read = input.xeroTenantId ? await forXeroTenant(input.xeroTenantId, () => readResource(db, orgId, resource, input)) : await readResource(db, orgId, resource, input);
  // What the page says, the cursor and the progress bar are written together, and only while the
  // organisation is still connected to the books that answered (a switch may commit meanwhile).
  return writeForXeroTenant(db, orgId, read.xeroTenantId, async (tx) => {
    const kept = await read.apply(tx);
    const fetched = read.page;
    // A paged resource counts what Xero sent (the progress bar's unit), a small list what it kept.
    const received = fetched ? fetched.records.length : kept;
    const pageCount = fetched?.pageCount ?? null;
    const newestSeen = fetched?.newest ?? null;
    const more = fetched !== null && (pageCount !== null ? input.page < pageCount : received === PAGE_SIZE);
    await tx
      .update(syncCursors)
      .set({
        progressDone: sql`${syncCursors.progressDone} + ${received}`,
        // What is left counts from this query's page on: done so far plus the pages still ahead of it.
        ...(pageCount !== null ? { progressTotal: sql`greatest(${syncCursors.progressDone} + ${received}, ${syncCursors.progressDone} + ${Math.max(0, pageCount - input.page + 1) * PAGE_SIZE})` } : {}),
        // Pages come oldest change first, so the cursor can follow each page: a walk cut short resumes from here.
        ...(newestSeen ? { lastUpdatedAt: sql`greatest(${syncCursors.lastUpdatedAt}, ${newestSeen.toISOString()}::timestamptz)` } : {}),
      })
      .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, resource)));
    if (!more) await finishResource(tx, orgId, resource, input);
    return { received, next: more ? { ...nextQuery(input, fetched?.oldest ?? null, newestSeen), xeroTenantId: read.xeroTenantId } : null };
  });
}

/** One call's answer, not yet written: which books sent it, the page (paged lists), and how to apply it. */
interface ResourceRead {
  xeroTenantId: string;
  page: FetchedPage<unknown> | null;
  /** Writes the answer to the mirrors; answers how many records a small list kept. */
  apply: (tx: Db) => Promise<number>;
}

/** The call of one page (or of a small list) of a resource: reading only, nothing written yet. */
async function readResource(db: Db, orgId: string, resource: PullResource, input: PullPageInput): Promise<ResourceRead> {
  const since = input.since ?? undefined;
  const { page } = input;
  const list = async <B>(path: string, call: (x: XeroClient, t: string) => Promise<{ body: B }>, mirror: (tx: Db, body: B) => Promise<number>): Promise<ResourceRead> => {
    const answer = await callXero(db, orgId, { method: "GET", path, purpose: "poll" }, call);
    return { xeroTenantId: answer.xeroTenantId, page: null, apply: (tx) => mirror(tx, answer.body) };
  };
  const paged = <T>(got: FetchedPage<T>, apply: (tx: Db, records: T[]) => Promise<unknown>): ResourceRead => ({
    xeroTenantId: got.xeroTenantId,
    page: got,
    apply: async (tx) => {
      await apply(tx, got.records);
      return got.records.length;
    },
  });
  switch (resource) {
    case "organisation":
      return list("/Organisation", (x, t) => x.accountingApi.getOrganisations(t), (tx, b) => mirrorOrganisation(tx, orgId, b.organisations?.[0]));
    case "currencies":
      return list("/Currencies", (x, t) => x.accountingApi.getCurrencies(t), (tx, b) => mirrorCurrencies(tx, orgId, b.currencies ?? []));
    case "tax_rates":
      return list("/TaxRates", (x, t) => x.accountingApi.getTaxRates(t), (tx, b) => mirrorTaxRates(tx, orgId, b.taxRates ?? []));
    case "accounts":
      return list("/Accounts", (x, t) => x.accountingApi.getAccounts(t), (tx, b) => mirrorAccounts(tx, orgId, b.accounts ?? []));
    case "items":
      return list("/Items", (x, t) => x.accountingApi.getItems(t), (tx, b) => mirrorItems(tx, orgId, b.items ?? []));
    case "contacts": {
      const got = await fetchPage(db, orgId, `/Contacts?page=${page}`, (x, t) => x.accountingApi.getContacts(t, since, undefined, undefined, undefined, page, true, false, undefined, PAGE_SIZE), (b) => b.contacts);
      return paged(got, async (tx, records) => {
        await noteWebhookGaps(tx, orgId, resource, records as never, input.trigger);
        const applied = await applyPulledContacts(tx, orgId, records, input.trigger);
        // A walk from the start matches once every contact is in (uniqueness is over all of them); later pulls match as they go.
        if (!fromStart(input) && applied.unlinked.length) await matchUnlinkedContacts(tx, orgId, input.trigger, applied.unlinked);
      });
    }
    case "invoices": {
      const got = await fetchPage(db, orgId, `/Invoices?page=${page}`, (x, t) => x.accountingApi.getInvoices(t, since, 'Type=="ACCREC"', undefined, undefined, undefined, undefined, undefined, page, true, undefined, 4, false, PAGE_SIZE), (b) => b.invoices);
      return paged(got, async (tx, records) => {
        await noteWebhookGaps(tx, orgId, resource, records as never, input.trigger);
        await mirrorInvoices(tx, orgId, records, input.trigger);
      });
    }
    case "credit_notes": {
      const got = await fetchPage(db, orgId, `/CreditNotes?page=${page}`, (x, t) => x.accountingApi.getCreditNotes(t, since, 'Type=="ACCRECCREDIT"', undefined, page, 4, PAGE_SIZE), (b) => b.creditNotes);
      return paged(got, async (tx, records) => {
        await noteWebhookGaps(tx, orgId, resource, records as never, input.trigger);
        await mirrorCreditNotes(tx, orgId, records);
      });
    }
    case "payments": {
      const got = await fetchPage(db, orgId, `/Payments?page=${page}`, (x, t) => x.accountingApi.getPayments(t, since, PAYMENTS_WHERE, undefined, page, PAGE_SIZE), (b) => b.payments);
      return paged(got, (tx, records) => mirrorPayments(tx, orgId, records));
    }
    // Cash received beyond or ahead of invoices (sales side only): it reaches them as AmountCredited.
    case "overpayments": {
      const got = await fetchPage(db, orgId, `/Overpayments?page=${page}`, (x, t) => x.accountingApi.getOverpayments(t, since, 'Type=="RECEIVE-OVERPAYMENT"', undefined, page, 4, PAGE_SIZE), (b) => b.overpayments);
      return paged(got, (tx, records) => mirrorCashCredits(tx, orgId, "overpayment", records));
    }
    case "prepayments": {
      const got = await fetchPage(db, orgId, `/Prepayments?page=${page}`, (x, t) => x.accountingApi.getPrepayments(t, since, 'Type=="RECEIVE-PREPAYMENT"', undefined, page, 4, PAGE_SIZE), (b) => b.prepayments);
      return paged(got, (tx, records) => mirrorCashCredits(tx, orgId, "prepayment", records));
    }
  }
}

/**
 * The walk goes by time, not by offset: Xero lists oldest change first, so a record changed while
 * we walk moves behind the ones not read yet, and an offset then skips the one that slid into its
 * place. Asking again from the newest change seen (less a second: Xero compares whole seconds)
 * reads every record at least once, re-reading only the page's last second or two. A page whose
 * changes all fall within those seconds (a bulk edit in Xero) would be read again whole, so then
 * the next page of the same query is read instead.
 */
function nextQuery(input: PullPageInput, oldestSeen: Date | null, newestSeen: Date | null): { page: number; since: Date | null } {
  const second = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;
  const since = newestSeen ? new Date(second(newestSeen) - 1000) : null;
  const pageSpansSeconds = oldestSeen && newestSeen ? second(newestSeen) - second(oldestSeen) > 1000 : false;
  if (since && pageSpansSeconds && (!input.since || since.getTime() > input.since.getTime())) return { page: 1, since };
  return { page: input.page + 1, since: input.since };
}

/**
 * Whether this walk reads everything from the start: the first import, a full reconcile, or a pull
 * whose cursor has no complete walk behind it. Any of them, finished, completes the first import
 * (a failed or interrupted import then heals by the next scheduled pull, with no reconnect).
 */
const fromStart = (input: PullPageInput) => input.initial || (input.walkFrom === undefined ? input.since : input.walkFrom) === null;

async function finishResource(db: Db, orgId: string, resource: PullResource, input: PullPageInput) {
  if (resource === "contacts" && fromStart(input)) await matchUnlinkedContacts(db, orgId, input.trigger);
  const now = new Date();
  await setCursor(db, orgId, resource, {
    runningSince: null,
    progressTotal: sql`${syncCursors.progressDone}` as never,
    lastPullAt: now,
    ...((input.walkFrom === undefined ? input.since : input.walkFrom) === null ? { lastFullPullAt: now } : {}),
    ...(fromStart(input) ? { initialDoneAt: sql`coalesce(${syncCursors.initialDoneAt}, now())` as never } : {}),
  });
}

async function setCursor(db: Db, orgId: string, resource: PullResource, values: Partial<typeof syncCursors.$inferInsert>) {
  await db
    .update(syncCursors)
    .set(values)
    .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, resource)));
}

/**
 * A walk is running while its cursor says so and it moved lately: a worker killed mid-walk (a
 * restart, a serverless timeout) leaves `running_since` behind, and after this long the walk counts
 * as stopped, so the schedule starts it again and the status stops saying "importing".
 */
export const STALLED_WALK_MS = 30 * 60_000;
export const walkIsLive = (runningSince: Date | null, now = Date.now()) => !!runningSince && now - runningSince.getTime() < STALLED_WALK_MS;

/** At the embedded default's boot every walk of the last process is lost (its runs lived in memory): none is running. */
export async function releaseLostWalks(db: Db): Promise<void> {
  await db.update(syncCursors).set({ runningSince: null }).where(isNotNull(syncCursors.runningSince));
}

/** Records why a walk stopped (the Sync page shows it) and lets the progress bar rest. */
export async function failResource(db: Db, orgId: string, resource: PullResource, message: string): Promise<void> {
  await setCursor(db, orgId, resource, { runningSince: null, lastError: message });
}

/** Every page of the given resources, in order: what the jobs do step by step, in one call (tests, scripts). */
export async function pullResources(db: Db, orgId: string, resources: readonly PullResource[], options: { mode: "initial" | "full" | "incremental"; trigger: SyncTrigger }): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const resource of resources) {
    const walkFrom = options.mode === "incremental" ? await incrementalSince(db, orgId, resource) : null;
    let query: { page: number; since: Date | null; xeroTenantId?: string } | null = { page: 1, since: walkFrom };
    counts[resource] = 0;
    while (query) {
      const r = await pullResourcePage(db, orgId, resource, { ...query, walkFrom, initial: options.mode === "initial", trigger: options.trigger });
      counts[resource] += r.received;
      query = r.next;
    }
  }
  return counts;
}
