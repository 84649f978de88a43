import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { xeroConnections, xeroWebhookEvents } from "@/db/schema";
import { instant } from "../xero-values";

const eventSchema = z.object({
  resourceUrl: z.string().max(2000).optional(),
  resourceId: z.string().min(1).max(100),
  eventDateUtc: z.string().max(40),
  eventType: z.string().max(20),
  eventCategory: z.string().max(40),
  tenantId: z.string().min(1).max(100),
  tenantType: z.string().max(40).optional(),
});
export const webhookPayload = z.object({
  // As many as fit the 5 MB body (an event is about 300 bytes): a burst of thousands of changes in
  // one delivery is recorded in full, never dropped as "unexpected".
  events: z.array(eventSchema).max(20_000),
  firstEventSequence: z.number().optional(),
  lastEventSequence: z.number().optional(),
  entropy: z.string().optional(),
});
export type WebhookPayload = z.infer<typeof webhookPayload>;

/** The categories the sync acts on (Xero also sends SUBSCRIPTION, for app billing). */
const HANDLED = new Set(["CONTACT", "INVOICE", "CREDITNOTE"]);

/**
 * Keeps the events of a verified delivery, once each (Xero re-delivers on failure, and may repeat an
 * event): keyed by tenant, category, resource and time. Returns the organisations that received new
 * events, for the caller to queue their processing. Tenants connected to no organisation of ours
 * are ignored.
 */
export async function recordWebhookEvents(db: Db, payload: WebhookPayload): Promise<string[]> {
  const events = payload.events.filter((e) => HANDLED.has(e.eventCategory.toUpperCase()));
  if (!events.length) return [];
  const tenants = [...new Set(events.map((e) => e.tenantId.toLowerCase()))];
  const connections = await db
    .select({ orgId: xeroConnections.orgId, tenantId: xeroConnections.xeroTenantId })
    .from(xeroConnections)
    .where(and(inArray(xeroConnections.xeroTenantId, tenants.concat(events.map((e) => e.tenantId))), eq(xeroConnections.status, "connected")));
  const orgsOf = (tenantId: string) => connections.filter((c) => c.tenantId.toLowerCase() === tenantId.toLowerCase()).map((c) => c.orgId);
  const rows = events.flatMap((e) => {
    // Xero writes eventDateUtc without a zone ("2024-06-21T01:15:39.902"): it is UTC, whatever this host's zone.
    const at = instant(e.eventDateUtc) ?? new Date(NaN);
    return orgsOf(e.tenantId).map((orgId) => ({
      eventKey: `${orgId}|${e.eventCategory.toUpperCase()}|${e.resourceId.toLowerCase()}|${e.eventDateUtc}`,
      xeroTenantId: e.tenantId,
      orgId,
      category: e.eventCategory.toUpperCase(),
      eventType: e.eventType.toUpperCase(),
      resourceId: e.resourceId,
      eventDate: Number.isNaN(at.getTime()) ? new Date() : at,
    }));
  });
  if (!rows.length) return [];
  // In slices: one statement holds at most 65,535 parameters, and a delivery may name thousands.
  const orgIds = new Set<string>();
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db.insert(xeroWebhookEvents).values(rows.slice(i, i + 1000)).onConflictDoNothing().returning({ orgId: xeroWebhookEvents.orgId });
    for (const r of inserted) orgIds.add(r.orgId!);
  }
  return [...orgIds];
}
