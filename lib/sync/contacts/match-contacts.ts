import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, syncReviews, xeroContacts, type XeroContact } from "@/db/schema";
import { normaliseName } from "@/lib/crm/data-health";
import { logSync, type SyncLogInput, type SyncTrigger } from "../sync-log";
import { mergeIntoCustomer } from "./merge-into-customer";

export interface MatchResult {
  linked: number;
  created: number;
  reviews: number;
}

interface CrmSide {
  id: string;
  name: string;
  email: string | null;
  xeroContactId: string | null;
}

const countBy = <T>(items: T[], key: (t: T) => string | null) => {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k) m.set(k, [...(m.get(k) ?? []), item]);
  }
  return m;
};

/**
 * Links the organisation's unlinked Xero contacts (all of them, or `onlyIds`) to CRM customers, in
 * the order the issue sets: the stored id (done by the pull), ContactNumber = our customer id, then
 * email (case-insensitive, only when unique on both sides), then the normalised name (also unique
 * on both sides). A Xero customer that matches nothing becomes a CRM customer, linked, with nothing
 * pushed back; a supplier stays out. Anything ambiguous goes to Sync -> Review. Nothing is guessed.
 */
export async function matchUnlinkedContacts(db: Db, orgId: string, trigger: SyncTrigger, onlyIds?: string[]): Promise<MatchResult> {
  const all = await db.select().from(xeroContacts).where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.status, "ACTIVE")));
  const todo = all.filter((x) => !x.customerId && (!onlyIds || onlyIds.includes(x.xeroContactId)));
  if (!todo.length) return { linked: 0, created: 0, reviews: 0 };
  const crm: CrmSide[] = await db.select({ id: customers.id, name: customers.name, email: customers.email, xeroContactId: customers.xeroContactId }).from(customers).where(eq(customers.orgId, orgId));
  const crmById = new Map(crm.map((c) => [c.id, c]));
  const crmByEmail = countBy(crm, (c) => c.email?.toLowerCase() ?? null);
  const crmByName = countBy(crm, (c) => normaliseName(c.name) || null);
  const xeroByEmail = countBy(all, (x) => x.email?.toLowerCase() ?? null);
  const xeroByName = countBy(all, (x) => normaliseName(x.name) || null);
  const openReviews = new Set((await db.select({ id: syncReviews.xeroContactId }).from(syncReviews).where(and(eq(syncReviews.orgId, orgId), eq(syncReviews.status, "open")))).map((r) => r.id));

  const links: { contact: XeroContact; customerId: string; how: string }[] = [];
  const reviews: { contact: XeroContact; candidates: CrmSide[]; reason: string }[] = [];
  const creates: XeroContact[] = [];
  const taken = new Set(crm.filter((c) => c.xeroContactId).map((c) => c.id));
  for (const contact of todo) {
    const byNumber = contact.contactNumber ? crmById.get(contact.contactNumber) : undefined;
    if (byNumber && !taken.has(byNumber.id)) {
      links.push({ contact, customerId: byNumber.id, how: "ContactNumber" });
      taken.add(byNumber.id);
      continue;
    }
    const email = contact.email?.toLowerCase();
    const emailCrm = email ? (crmByEmail.get(email) ?? []) : [];
    if (emailCrm.length === 1 && (xeroByEmail.get(email!) ?? []).length === 1 && !taken.has(emailCrm[0].id)) {
      links.push({ contact, customerId: emailCrm[0].id, how: "email" });
      taken.add(emailCrm[0].id);
      continue;
    }
    const name = normaliseName(contact.name);
    const nameCrm = name ? (crmByName.get(name) ?? []) : [];
    if (!emailCrm.length && nameCrm.length === 1 && (xeroByName.get(name) ?? []).length === 1 && !taken.has(nameCrm[0].id)) {
      links.push({ contact, customerId: nameCrm[0].id, how: "name" });
      taken.add(nameCrm[0].id);
      continue;
    }
    const candidates = [...new Map([...emailCrm, ...nameCrm].map((c) => [c.id, c])).values()];
    if (candidates.length) {
      if (!openReviews.has(contact.xeroContactId)) reviews.push({ contact, candidates, reason: reviewReason(contact, emailCrm.length, nameCrm.length, candidates, taken) });
      continue;
    }
    if (contact.isCustomer && !contact.isSupplier) creates.push(contact);
  }

  const log: SyncLogInput[] = [];
  await db.transaction(async (tx) => {
    for (const { contact, customerId, how } of links) {
      await tx.update(xeroContacts).set({ customerId }).where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, contact.xeroContactId)));
      await tx
        .update(customers)
        .set({ xeroContactId: contact.xeroContactId })
        .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId), isNull(customers.xeroContactId)));
      log.push({ orgId, recordType: "customer", recordId: customerId, xeroId: contact.xeroContactId, direction: "pull", operation: "link", result: "ok", message: `Linked to Xero contact "${contact.name}" by ${how}.`, trigger });
    }
    for (let i = 0; i < creates.length; i += 500) {
      const chunk = creates.slice(i, i + 500);
      const made = await tx
        .insert(customers)
        .values(chunk.map((x) => ({ orgId, ...x.values, name: x.values.name || x.name, xeroContactId: x.xeroContactId })))
        .returning({ id: customers.id, xeroContactId: customers.xeroContactId });
      for (const m of made) {
        const x = chunk.find((c) => c.xeroContactId === m.xeroContactId)!;
        await tx.update(xeroContacts).set({ customerId: m.id, syncedValues: x.values }).where(and(eq(xeroContacts.orgId, orgId), eq(xeroContacts.xeroContactId, x.xeroContactId)));
      }
      log.push(...made.map((m) => ({ orgId, recordType: "customer", recordId: m.id, xeroId: m.xeroContactId, direction: "pull" as const, operation: "import", result: "ok" as const, message: "A Xero customer with no match in the CRM became a customer here.", trigger })));
    }
    for (const { contact, candidates, reason } of reviews) {
      await tx
        .insert(syncReviews)
        .values({ orgId, xeroContactId: contact.xeroContactId, candidateKind: "customer", candidates: candidates.map((c) => ({ id: c.id, name: c.name, email: c.email })), reason })
        .onConflictDoNothing();
    }
  });
  // Just linked: merge now, from the mirror (no Xero call); a first merge fills empty fields both ways.
  if (links.length) {
    const linkedCustomers = await db
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, orgId), inArray(customers.id, links.map((l) => l.customerId))));
    for (const { contact, customerId } of links) {
      const customer = linkedCustomers.find((c) => c.id === customerId);
      if (!customer) continue;
      const entry = await mergeIntoCustomer(db, orgId, customer, { xeroContactId: contact.xeroContactId, values: contact.values, updatedAt: contact.xeroUpdatedAt, synced: null }, trigger);
      if (entry) log.push(entry);
    }
  }
  await logSync(db, log);
  return { linked: links.length, created: creates.length, reviews: reviews.length };
}

function reviewReason(contact: XeroContact, byEmail: number, byName: number, candidates: CrmSide[], taken: Set<string>): string {
  if (byEmail > 1) return `${byEmail} customers share the email ${contact.email} of Xero contact "${contact.name}".`;
  if (byEmail === 1 && taken.has(candidates[0].id)) return `Xero contact "${contact.name}" has the email of customer "${candidates[0].name}", who is already linked to another Xero contact.`;
  if (byEmail === 1) return `Several Xero contacts share the email ${contact.email}: which one is customer "${candidates[0].name}"?`;
  if (byName > 1) return `${byName} customers have a name like Xero contact "${contact.name}".`;
  return `Xero contact "${contact.name}" has the name of customer "${candidates[0].name}", but the emails differ or the name is not unique in Xero.`;
}

