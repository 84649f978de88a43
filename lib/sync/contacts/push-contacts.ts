import { and, eq, inArray } from "drizzle-orm";
import type { Contact } from "xero-node";
import type { Db } from "@/db";
import { customers, syncReviews, xeroContacts, type Customer, type SyncItem } from "@/db/schema";
import { callXero } from "@/lib/xero/call-xero";
import { writeForXeroTenant } from "@/lib/xero/tenant-fence";
import { causeOf, fixFor } from "../causes";
import { settleBatchError, type PushOutcome } from "../outbox/batch-outcome";
import { claimDueItems, renewClaim } from "../outbox/claim-items";
import { idempotencyKeyFor } from "../outbox/idempotency-key";
import { settleFailed, settleSkipped, settleSynced } from "../outbox/settle-items";
import { holdLikelyDuplicates } from "../review/hold-duplicates";
import { rememberOwnWrites } from "../webhooks/own-writes";
import { correlationIdOf, findContactsByNumber } from "../xero-reads";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { customerValues } from "./contact-fields";
import { contactPayload, type MirrorSide } from "./contact-payload";
import { renameRefusedFix, resolveNameCollisions } from "./name-collisions";
import { archiveOrphanedContacts } from "./archive-orphans";
import { saveXeroContact } from "./link-customer";

/** Xero takes about 50 elements a batch comfortably (xero-notes.md). */
export const CONTACT_BATCH = 50;

/**
 * One batch of the customer outbox to Xero contacts: at most 50 rows claimed, one
 * updateOrCreateContacts call with summarizeErrors=false and an Idempotency-Key from the rows, each
 * element's outcome settled on its own row. Rows whose last write may have landed (uncertain) are
 * first looked up by ContactNumber (our customer id), in one call for all of them, so a lost answer
 * never becomes a second contact.
 */
export async function pushCustomerBatch(db: Db, orgId: string, trigger: SyncTrigger): Promise<PushOutcome> {
  const claim = await claimDueItems(db, orgId, "customer", CONTACT_BATCH);
  if (!claim.items.length) return { kind: "idle" };
  const { token, items } = claim;
  const ids = items.map((i) => i.entityId);
  const found = await db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), inArray(customers.id, ids)));
  const byId = new Map(found.map((c) => [c.id, c]));
  // A customer a person has yet to decide on (either side of a review) is not sent: it could duplicate.
  const openReviews = await db
    .select({ customerId: syncReviews.customerId, candidateKind: syncReviews.candidateKind, candidates: syncReviews.candidates })
    .from(syncReviews)
    .where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.status, "open")));
  const inReview = new Set(openReviews.flatMap((r) => (r.candidateKind === "customer" ? r.candidates.map((c) => c.id) : r.candidateKind === "contact" && r.customerId ? [r.customerId] : [])));
  // Likely duplicates of each other (Data health's rule) wait for "merge them" or "they differ" before their first push.
  const creating = items.filter((i) => i.operation === "upsert" && byId.get(i.entityId) && !byId.get(i.entityId)!.xeroContactId).map((i) => i.entityId);
  for (const id of await holdLikelyDuplicates(db, orgId, creating)) inReview.add(id);

  const log: SyncLogInput[] = [];
  let sendable: { item: SyncItem; customer: Customer | null }[] = [];
  for (const item of items) {
    const customer = byId.get(item.entityId) ?? null;
    if (item.operation === "archive") {
      // An uncertain one (enqueueRemoval: a write of it may have landed) is looked up below.
      if (!item.xeroId && !customer?.xeroContactId && !item.uncertain) await settleSkipped(db, token, item, { code: "not_in_xero", message: "Never reached Xero: nothing to archive." });
      else sendable.push({ item, customer });
    } else if (!customer) {
      await settleSkipped(db, token, item, { code: "deleted", message: "The customer was deleted before it synced." });
    } else if (!customer.name.trim()) {
      // Checked before the call: Xero needs a name to create a contact, and says so less clearly.
      await settleFailed(db, token, item, { code: "required_fields_missing", message: "This customer has no name, which Xero needs for a contact. Give it a name and it syncs by itself." });
    } else if (inReview.has(customer.id)) {
      await settleSkipped(db, token, item, { code: "awaiting_review", message: `${customer.name} waits for a decision in Sync -> Review before it is sent to Xero.` });
    } else sendable.push({ item, customer });
  }
  if (!sendable.length) return { kind: "progress", sent: 0, failed: 0 };

  try {
    // A write that may have landed: find what it created by the ContactNumber it carried.
    const uncertain = sendable.filter((s) => s.item.uncertain && s.customer && !s.customer.xeroContactId).map((s) => s.customer!.id);
    if (uncertain.length) {
      for (const contact of (await findContactsByNumber(db, orgId, uncertain)).contacts) {
        const target = sendable.find((s) => s.customer?.id === contact.contactNumber);
        if (target?.customer) target.customer = { ...target.customer, xeroContactId: contact.contactID! };
      }
    }
    sendable = await findLostContactsToArchive(db, orgId, token, sendable);
    // Right before the write: a row taken over while this worker stalled past its lease is not ours to send.
    const held = await renewClaim(db, token, sendable.map((s) => s.item));
    sendable = sendable.filter((s) => held.has(s.item.id));
    if (!sendable.length) {
      await logSync(db, log);
      return { kind: "progress", sent: 0, failed: 0 };
    }
    const mirror = await mirrorSides(db, orgId, sendable.map((s) => s.customer?.xeroContactId));
    const payload: Contact[] = sendable.map(({ item, customer }) =>
      item.operation === "archive"
        ? { contactID: item.xeroId ?? customer!.xeroContactId!, contactStatus: "ARCHIVED" as never }
        : contactPayload(customer!.id, customerValues(customer!), customer!.xeroContactId, mirror.get(customer!.xeroContactId ?? "") ?? null),
    );
    const key = idempotencyKeyFor(orgId, "contacts", sendable.map((s) => s.item), payload);
    const answer = await callXero(db, orgId, { method: "POST", path: "/Contacts" }, (xero, tenantId) => xero.accountingApi.updateOrCreateContacts(tenantId, { contacts: payload }, false, key));
    const correlationId = correlationIdOf(answer);
    const results = answer.body.contacts ?? [];
    // Recorded at once, outside the settle transaction: the webhook echo of these writes may arrive any moment.
    await rememberOwnWrites(db, orgId, "CONTACT", results.filter((r) => String(r.statusAttributeString) !== "ERROR").map((r) => ({ xeroId: r.contactID, updatedAt: r.updatedDateUTC })));
    const collisions: { item: SyncItem; customer: Customer; xeroMessage: string }[] = [];
    const written: { customerId: string; xeroContactId: string }[] = [];
    let sent = 0;
    let failed = 0;
    // Links, mirror rows and settles of this answer are written only while these books are still the organisation's.
    // Log lines of the settles join the batch log only once they are committed.
    const settled: SyncLogInput[] = [];
    await writeForXeroTenant(db, orgId, answer.xeroTenantId, async (tx) => {
      for (const [i, { item, customer }] of sendable.entries()) {
        const result = results[i];
        const what = customer ? `customer "${customer.name}"` : "the archived customer";
        const operation = item.operation === "archive" ? "archive" : customer?.xeroContactId ? "update" : "create";
        const errors = (result?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean);
        if (result && String(result.statusAttributeString) !== "ERROR" && result.contactID) {
          if (customer && item.operation === "upsert") {
            await saveXeroContact(tx, orgId, result, { customerId: customer.id, synced: customerValues(customer) });
            written.push({ customerId: customer.id, xeroContactId: result.contactID });
          } else await saveXeroContact(tx, orgId, result, { customerId: null, synced: null });
          await settleSynced(tx, token, item, result.contactID);
          settled.push({ orgId, recordType: "customer", recordId: item.entityId, xeroId: result.contactID, direction: "push", operation, result: "ok", correlationId, trigger });
          sent++;
          continue;
        }
        const xeroMessage = errors.join(" ") || "Xero did not return this contact.";
        const cause = causeOf(xeroMessage);
        // Only a create may be resolved by linking to the contact of that name: a linked customer that
        // Xero refused to rename keeps its own contact, or its invoices and history would move with it.
        if (cause === "duplicate_contact" && customer && operation === "create") {
          collisions.push({ item, customer, xeroMessage });
          continue;
        }
        const message = cause === "duplicate_contact" && operation === "update" ? renameRefusedFix(what, customer!.name) : fixFor(cause, what, xeroMessage);
        await settleFailed(tx, token, item, { code: cause, message, xeroMessage });
        settled.push({ orgId, recordType: "customer", recordId: item.entityId, direction: "push", operation, result: "failed", message: xeroMessage, correlationId, trigger });
        failed++;
      }
      // A customer deleted or merged while its contact was made: its archive is queued with these books' links.
      settled.push(...(await archiveOrphanedContacts(tx, orgId, written, trigger)));
    });
    log.push(...settled);
    if (collisions.length) {
      const resolved = await resolveNameCollisions(db, orgId, token, collisions, trigger);
      log.push(...resolved.log);
      failed += resolved.failed;
      sent += resolved.linked;
    }
    await logSync(db, log);
    return { kind: "progress", sent, failed };
  } catch (error) {
    await logSync(db, log);
    return settleBatchError(db, token, sendable.map((s) => s.item), error, { recordType: "customer", trigger, wrote: true });
  }
}

/** The mirror's side of each linked contact: what the push diffs against and what only Xero holds. */
async function mirrorSides(db: Db, orgId: string, contactIds: (string | null | undefined)[]): Promise<Map<string, MirrorSide>> {
  const ids = [...new Set(contactIds.filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: xeroContacts.xeroContactId, synced: xeroContacts.syncedValues, contactNumber: xeroContacts.contactNumber, values: xeroContacts.values })
    .from(xeroContacts)
    .where(and(eq(xeroContacts.orgId, orgId), inArray(xeroContacts.xeroContactId, ids)));
  return new Map(rows.map((r) => [r.id, { synced: r.synced, contactNumber: r.contactNumber, postal: r.values.postal }]));
}

/**
 * Archives of customers whose contact a lost write may have created (deleted or merged away before
 * the retry): the contact is found by the ContactNumber it carried and archived; none found, nothing
 * to archive. A contact some customer links to (a merge survivor's) is never archived this way.
 */
async function findLostContactsToArchive<T extends { item: SyncItem; customer: Customer | null }>(db: Db, orgId: string, token: string, sendable: T[]): Promise<T[]> {
  const lost = sendable.filter((s) => s.item.operation === "archive" && !s.item.xeroId && !s.customer?.xeroContactId);
  if (!lost.length) return sendable;
  const found = (await findContactsByNumber(db, orgId, lost.map((s) => s.item.entityId))).contacts.filter((c) => c.contactID && String(c.contactStatus ?? "ACTIVE") !== "ARCHIVED");
  const ids = found.map((c) => c.contactID!);
  const linked = new Set(
    ids.length
      ? (await db.select({ id: customers.xeroContactId }).from(customers).where(and(eq(customers.orgId, orgId), inArray(customers.xeroContactId, ids)))).map((r) => r.id)
      : [],
  );
  const out = sendable.filter((s) => !lost.includes(s));
  for (const s of lost) {
    const contact = found.find((c) => c.contactNumber?.toLowerCase() === s.item.entityId.toLowerCase() && !linked.has(c.contactID!));
    if (contact) out.push({ ...s, item: { ...s.item, xeroId: contact.contactID! } });
    else await settleSkipped(db, token, s.item, { code: "not_in_xero", message: "Never reached Xero: nothing to archive." });
  }
  return out;
}
