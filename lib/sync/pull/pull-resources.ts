import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { syncCursors } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import { matchUnlinkedContacts } from "../contacts/match-contacts";
import { applyPulledContacts } from "../contacts/pull-contacts";
import { mirrorCreditNotes } from "../invoices/mirror-credit-notes";
import { mirrorInvoices } from "../invoices/mirror-invoices";
import { mirrorPayments } from "../invoices/mirror-payments";
import type { SyncTrigger } from "../sync-log";
import { instant } from "../xero-values";
import { mirrorAccounts, mirrorCurrencies, mirrorItems, mirrorOrganisation, mirrorTaxRates } from "./mirror-reference-data";

/** Small lists, one call each, replaced whole; then the paged ones, 1000 a page, oldest change first. */
export const REFERENCE_RESOURCES = ["organisation", "currencies", "tax_rates", "accounts", "items"] as const;
export const PAGED_RESOURCES = ["contacts", "invoices", "payments", "credit_notes"] as const;
export const ALL_RESOURCES = [...REFERENCE_RESOURCES, ...PAGED_RESOURCES] as const;
export type PullResource = (typeof ALL_RESOURCES)[number];
export const PAGE_SIZE = 1000;

export interface PullPageInput {
  page: number;
  /** If-Modified-Since for this walk (null: everything), fixed for all its pages. */
  since: Date | null;
  /** The first full import: contacts are matched once all are in, and the contact push waits for it. */
  initial: boolean;
  trigger: SyncTrigger;
}

export interface PullPageResult {
  received: number;
  nextPage: number | null;
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
 * The If-Modified-Since of an incremental pull: the newest change seen, less a second, because Xero
 * compares whole seconds and a change in the same second as the cursor must not be missed (mirroring
 * is an upsert, so seeing a record twice is harmless).
 */
export async function incrementalSince(db: Db, orgId: string, resource: PullResource): Promise<Date | null> {
  const cursor = await cursorFor(db, orgId, resource);
  return cursor.lastUpdatedAt ? new Date(cursor.lastUpdatedAt.getTime() - 1000) : null;
}

/**
 * One page (or the one call of a small list) of a resource, applied to the mirrors, with the cursor
 * and the progress bar moved on in the same breath. Safe to repeat: the cursor only moves forward,
 * and every write is an upsert.
 */
export async function pullResourcePage(db: Db, orgId: string, resource: PullResource, input: PullPageInput): Promise<PullPageResult> {
  if (input.page === 1) {
    await cursorFor(db, orgId, resource);
    await setCursor(db, orgId, resource, { runningSince: new Date(), progressDone: 0, progressTotal: null, lastError: null });
  }
  const since = input.since ?? undefined;
  let received = 0;
  let pageCount: number | null = null;
  let newest: Date | null = null;
  const seen = (d: unknown) => {
    const t = instant(d);
    if (t && (!newest || t > newest)) newest = t;
  };
  switch (resource) {
    case "organisation": {
      const a = await callXero(db, orgId, { method: "GET", path: "/Organisation" }, (x, t) => x.accountingApi.getOrganisations(t));
      received = await mirrorOrganisation(db, orgId, a.body.organisations?.[0]);
      break;
    }
    case "currencies": {
      const a = await callXero(db, orgId, { method: "GET", path: "/Currencies" }, (x, t) => x.accountingApi.getCurrencies(t));
      received = await mirrorCurrencies(db, orgId, a.body.currencies ?? []);
      break;
    }
    case "tax_rates": {
      const a = await callXero(db, orgId, { method: "GET", path: "/TaxRates" }, (x, t) => x.accountingApi.getTaxRates(t));
      received = await mirrorTaxRates(db, orgId, a.body.taxRates ?? []);
      break;
    }
    case "accounts": {
      const a = await callXero(db, orgId, { method: "GET", path: "/Accounts" }, (x, t) => x.accountingApi.getAccounts(t));
      received = await mirrorAccounts(db, orgId, a.body.accounts ?? []);
      break;
    }
    case "items": {
      const a = await callXero(db, orgId, { method: "GET", path: "/Items" }, (x, t) => x.accountingApi.getItems(t));
      received = await mirrorItems(db, orgId, a.body.items ?? []);
      break;
    }
    case "contacts": {
      const a = await callXero(db, orgId, { method: "GET", path: `/Contacts?page=${input.page}` }, (x, t) => x.accountingApi.getContacts(t, since, undefined, undefined, undefined, input.page, true, false, undefined, PAGE_SIZE));
      const contacts = a.body.contacts ?? [];
      contacts.forEach((c) => seen(c.updatedDateUTC));
      const applied = await applyPulledContacts(db, orgId, contacts, input.trigger);
      // A first import matches once every contact is in (uniqueness is over all of them); later pulls match as they go.
      if (!input.initial && applied.unlinked.length) await matchUnlinkedContacts(db, orgId, input.trigger, applied.unlinked);
      received = contacts.length;
      pageCount = a.body.pagination?.pageCount ?? null;
      break;
    }
    case "invoices": {
      const a = await callXero(db, orgId, { method: "GET", path: `/Invoices?page=${input.page}` }, (x, t) =>
        x.accountingApi.getInvoices(t, since, 'Type=="ACCREC"', undefined, undefined, undefined, undefined, undefined, input.page, true, undefined, 4, false, PAGE_SIZE),
      );
      const invoices = a.body.invoices ?? [];
      invoices.forEach((i) => seen(i.updatedDateUTC));
      await mirrorInvoices(db, orgId, invoices, input.trigger);
      received = invoices.length;
      pageCount = a.body.pagination?.pageCount ?? null;
      break;
    }
    case "credit_notes": {
      const a = await callXero(db, orgId, { method: "GET", path: `/CreditNotes?page=${input.page}` }, (x, t) => x.accountingApi.getCreditNotes(t, since, 'Type=="ACCRECCREDIT"', undefined, input.page, 4, PAGE_SIZE));
      const notes = a.body.creditNotes ?? [];
      notes.forEach((n) => seen(n.updatedDateUTC));
      await mirrorCreditNotes(db, orgId, notes);
      received = notes.length;
      pageCount = a.body.pagination?.pageCount ?? null;
      break;
    }
    case "payments": {
      const a = await callXero(db, orgId, { method: "GET", path: `/Payments?page=${input.page}` }, (x, t) => x.accountingApi.getPayments(t, since, 'PaymentType=="ACCRECPAYMENT"', undefined, input.page, PAGE_SIZE));
      const payments = a.body.payments ?? [];
      payments.forEach((p) => seen(p.updatedDateUTC));
      received = await mirrorPayments(db, orgId, payments);
      received = payments.length;
      pageCount = a.body.pagination?.pageCount ?? null;
      break;
    }
  }
  const paged = (PAGED_RESOURCES as readonly string[]).includes(resource);
  const more = paged && (pageCount !== null ? input.page < pageCount : received === PAGE_SIZE);
  const newestSeen = newest as Date | null;
  await db
    .update(syncCursors)
    .set({
      progressDone: sql`${syncCursors.progressDone} + ${received}`,
      ...(pageCount !== null ? { progressTotal: sql`greatest(${syncCursors.progressDone} + ${received}, ${pageCount * PAGE_SIZE})` } : {}),
      // Pages come oldest change first, so the cursor can follow each page: a walk cut short resumes from here.
      ...(newestSeen ? { lastUpdatedAt: sql`greatest(${syncCursors.lastUpdatedAt}, ${newestSeen.toISOString()}::timestamptz)` } : {}),
    })
    .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, resource)));
  if (!more) await finishResource(db, orgId, resource, input);
  return { received, nextPage: more ? input.page + 1 : null };
}

async function finishResource(db: Db, orgId: string, resource: PullResource, input: PullPageInput) {
  if (resource === "contacts" && input.initial) await matchUnlinkedContacts(db, orgId, input.trigger);
  const now = new Date();
  await setCursor(db, orgId, resource, {
    runningSince: null,
    progressTotal: sql`${syncCursors.progressDone}` as never,
    lastPullAt: now,
    ...(input.since === null ? { lastFullPullAt: now } : {}),
    ...(input.initial ? { initialDoneAt: sql`coalesce(${syncCursors.initialDoneAt}, now())` as never } : {}),
  });
}

async function setCursor(db: Db, orgId: string, resource: PullResource, values: Partial<typeof syncCursors.$inferInsert>) {
  await db
    .update(syncCursors)
    .set(values)
    .where(and(eq(syncCursors.orgId, orgId), eq(syncCursors.resource, resource)));
}

/** Records why a walk stopped (the Sync page shows it) and lets the progress bar rest. */
export async function failResource(db: Db, orgId: string, resource: PullResource, message: string): Promise<void> {
  await setCursor(db, orgId, resource, { runningSince: null, lastError: message });
}

/** Every page of the given resources, in order: what the jobs do step by step, in one call (tests, scripts). */
export async function pullResources(db: Db, orgId: string, resources: readonly PullResource[], options: { mode: "initial" | "full" | "incremental"; trigger: SyncTrigger }): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const resource of resources) {
    const since = options.mode === "incremental" ? await incrementalSince(db, orgId, resource) : null;
    let page: number | null = 1;
    counts[resource] = 0;
    while (page !== null) {
      const r = await pullResourcePage(db, orgId, resource, { page, since, initial: options.mode === "initial", trigger: options.trigger });
      counts[resource] += r.received;
      page = r.nextPage;
    }
  }
  return counts;
}
