import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { customers } from "@/db/schema";
import { enqueueRemoval } from "@/lib/crm/outbox";
import type { SyncLogInput, SyncTrigger } from "../sync-log";

/**
 * Contacts a push just wrote for customers deleted or merged away while the write was in flight.
 * The delete or merge saw no link yet (so queued nothing to archive), and the mirror saved them
 * unlinked: each is archived through the outbox, as a delete after the link would have done. A
 * delete that lands after the check sees the link and queues the same archive (one row per record).
 */
export async function archiveOrphanedContacts(db: Db, orgId: string, written: { customerId: string; xeroContactId: string }[], trigger: SyncTrigger): Promise<SyncLogInput[]> {
  if (!written.length) return [];
  const present = new Set(
    (
      await db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.orgId, orgId), inArray(customers.id, written.map((w) => w.customerId))))
    ).map((r) => r.id),
  );
  const log: SyncLogInput[] = [];
  for (const w of written.filter((w) => !present.has(w.customerId))) {
    await enqueueRemoval(db, orgId, "customer", w.customerId, w.xeroContactId);
    log.push({ orgId, recordType: "customer", recordId: w.customerId, xeroId: w.xeroContactId, direction: "push", operation: "archive", result: "ok", message: "The customer was deleted or merged while its contact was being created: that contact is being archived in Xero.", trigger });
  }
  return log;
}
