import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroContacts, xeroCreditNotes, xeroInvoices } from "@/db/schema";
import { logSync, type SyncTrigger } from "../sync-log";
import { instant } from "../xero-values";

/**
 * A change older than this that only a scheduled pull brought is one the webhooks missed (Xero
 * delivers within seconds; a burst still being worked off in rounds is younger than this).
 */
export const WEBHOOK_GRACE_MS = 10 * 60_000;

type Watched = "contacts" | "invoices" | "credit_notes";
const TABLES = {
  contacts: { table: xeroContacts, id: xeroContacts.xeroContactId, org: xeroContacts.orgId, at: xeroContacts.xeroUpdatedAt, idOf: (r: Record<string, unknown>) => r.contactID as string | undefined },
  invoices: { table: xeroInvoices, id: xeroInvoices.xeroInvoiceId, org: xeroInvoices.orgId, at: xeroInvoices.xeroUpdatedAt, idOf: (r: Record<string, unknown>) => r.invoiceID as string | undefined },
  credit_notes: { table: xeroCreditNotes, id: xeroCreditNotes.xeroCreditNoteId, org: xeroCreditNotes.orgId, at: xeroCreditNotes.xeroUpdatedAt, idOf: (r: Record<string, unknown>) => r.creditNoteID as string | undefined },
} as const;

/**
 * Before a scheduled pull's page is applied: how many of its records changed in Xero well before
 * now and are newer than the mirror, i.e. reached us by polling though Xero sends webhooks for them.
 * Any such change is logged once per page (`webhooks` / `missed`), which puts the organisation's
 * lists on the short polling interval for a while (polling-plan.ts).
 */
export async function noteWebhookGaps(db: Db, orgId: string, resource: string, records: Record<string, unknown>[], trigger: SyncTrigger, now = Date.now()): Promise<number> {
  if (trigger !== "schedule" || !(resource in TABLES) || !records.length) return 0;
  const t = TABLES[resource as Watched];
  const old = records.map((r) => ({ id: t.idOf(r), at: instant(r.updatedDateUTC) })).filter((r): r is { id: string; at: Date } => !!r.id && !!r.at && r.at.getTime() < now - WEBHOOK_GRACE_MS);
  if (!old.length) return 0;
  const stored = new Map((await db.select({ id: t.id, at: t.at }).from(t.table).where(and(eq(t.org, orgId), inArray(t.id, old.map((r) => r.id))))).map((s) => [s.id, s.at.getTime()]));
  const missed = old.filter((r) => (stored.get(r.id) ?? -1) < r.at.getTime()).length;
  if (missed) await logSync(db, [{ orgId, recordType: "webhooks", direction: "pull", operation: "missed", result: "ok", message: `${missed} ${resource.replace("_", " ")} changed in Xero reached us only by polling: the webhooks look stale, so Xero is polled every 5 minutes for a while.`, trigger }]);
  return missed;
}
