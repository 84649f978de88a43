import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import {
  customers,
  quotes,
  deals,
  products,
  subscriptions,
  syncCursors,
  syncItems,
  syncReviews,
  xeroAccounts,
  xeroCashCreditAllocations,
  xeroCashCredits,
  xeroContacts,
  xeroCreditNotes,
  xeroCurrencies,
  xeroInvoiceLines,
  xeroInvoices,
  xeroItems,
  xeroOrganisationProfiles,
  xeroPayments,
  xeroTaxRates,
  xeroWebhookEvents,
} from "@/db/schema";
import { enqueueSyncMany } from "@/lib/crm/outbox";

/**
 * Switching to another Xero organisation: every link to the old one's records is dropped (contact,
 * invoice, item and repeating-invoice ids), its mirrors, cursors and reviews go, and the customers
 * are queued for the new one. The first import then matches them against the new books before
 * anything is created there. Work in flight for the old organisation is closed (its worker's
 * settles are claim-guarded, so they change nothing), and its answers are dropped by callXero's
 * fence. Call it in the transaction that switches the connection.
 */
export async function forgetXeroOrganisation(db: Db, orgId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(syncItems)
      .set({ status: "skipped", claimToken: null, claimedUntil: null, lastErrorCode: "xero_organisation_switched", lastErrorMessage: "The Xero organisation was switched while this was being sent: it was sent to the old one.", updatedAt: sql`now()` })
      .where(and(eq(syncItems.orgId, orgId), eq(syncItems.status, "in_flight")));
    for (const table of [xeroInvoiceLines, xeroPayments, xeroCreditNotes, xeroCashCreditAllocations, xeroCashCredits, xeroInvoices, xeroContacts, xeroItems, xeroTaxRates, xeroAccounts, xeroCurrencies, xeroOrganisationProfiles, syncCursors, xeroWebhookEvents]) {
      await tx.delete(table).where(eq(table.orgId, orgId));
    }
    await tx.delete(syncReviews).where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.status, "open")));
    // Quotes and payments name the old books' documents: none of them goes to the new ones.
    await tx
      .update(syncItems)
      .set({ status: "skipped", lastErrorCode: "xero_organisation_switched", lastErrorMessage: "The Xero organisation was switched: this was for the old books' documents.", updatedAt: sql`now()` })
      .where(and(eq(syncItems.orgId, orgId), inArray(syncItems.entityType, ["quote", "payment"]), inArray(syncItems.status, ["pending", "failed"])));
    await tx.update(quotes).set({ status: "SWITCHED", updatedAt: sql`now()` }).where(and(eq(quotes.orgId, orgId), inArray(quotes.status, ["PENDING", "DRAFT", "SENT", "ACCEPTED", "DECLINED"])));
    await tx.delete(syncItems).where(and(eq(syncItems.orgId, orgId), inArray(syncItems.status, ["pending", "failed"]), eq(syncItems.operation, "archive")));
    await tx.update(customers).set({ xeroContactId: null }).where(and(eq(customers.orgId, orgId), isNotNull(customers.xeroContactId)));
    await tx.update(products).set({ xeroItemId: null }).where(and(eq(products.orgId, orgId), isNotNull(products.xeroItemId)));
    await tx.update(subscriptions).set({ xeroRepeatingInvoiceId: null }).where(and(eq(subscriptions.orgId, orgId), isNotNull(subscriptions.xeroRepeatingInvoiceId)));
    await tx.update(deals).set({ xeroInvoiceId: null }).where(and(eq(deals.orgId, orgId), isNotNull(deals.xeroInvoiceId)));
    const all = await tx.select({ id: customers.id }).from(customers).where(eq(customers.orgId, orgId));
    for (let i = 0; i < all.length; i += 1000) await enqueueSyncMany(tx, orgId, "customer", all.slice(i, i + 1000).map((c) => c.id), "upsert");
    // The catalogue too: the new books need the items that invoice lines name (archived products made none there).
    const catalogue = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.orgId, orgId), isNull(products.archivedAt)));
    await enqueueSyncMany(tx, orgId, "product", catalogue.map((p) => p.id), "upsert");
    // Active subscriptions repeat in the new books (the old books' repeating invoices are theirs to stop).
    const running = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.status, "active")));
    await enqueueSyncMany(tx, orgId, "subscription", running.map((r) => r.id), "upsert");
  });
}
