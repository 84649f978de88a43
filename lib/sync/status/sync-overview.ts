import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { assertCan } from "@/lib/tenancy/roles";
import { syncCursors, syncItems } from "@/db/schema";
import { getConnection } from "@/lib/xero/connection-store";
import { walkIsLive } from "../pull/pull-resources";
import { getSyncStatus } from "./sync-status";

export interface ResourceRow {
  key: string;
  label: string;
  /** What moves which way. */
  direction: "both" | "pull" | "push";
  lastPullAt: Date | null;
  pending: number;
  failed: number;
  running: { done: number; total: number | null } | null;
  lastError: string | null;
  /** Not synced by this release yet (products, subscriptions): said so instead of pretending. */
  note?: string;
}

const ROWS: { key: string; label: string; direction: ResourceRow["direction"]; cursors: string[]; entities: string[]; note?: string }[] = [
  { key: "contacts", label: "Customers and Xero contacts", direction: "both", cursors: ["contacts"], entities: ["customer"] },
  { key: "invoices", label: "Won deals and invoices", direction: "both", cursors: ["invoices", "credit_notes"], entities: ["deal"] },
  { key: "invoice_emails", label: "Invoice emails (Send to customer)", direction: "push", cursors: [], entities: ["invoice_email"] },
  { key: "payments", label: "Payments, overpayments and prepayments", direction: "pull", cursors: ["payments", "overpayments", "prepayments"], entities: [] },
  { key: "items", label: "Products and Xero items", direction: "both", cursors: ["items"], entities: ["product"] },
  { key: "reference", label: "Tax rates, accounts, currencies", direction: "pull", cursors: ["organisation", "currencies", "tax_rates", "accounts"], entities: [] },
  { key: "subscriptions", label: "Subscriptions", direction: "push", cursors: [], entities: ["subscription"], note: "Queued here; they go to Xero repeating invoices with billing automation (next release)." },
];

/** The Sync page's overview: the connection, then each kind of record with its last pull, queue and failures. */
export async function getSyncOverview(db: Db, ctx: Pick<OrgContext, "org" | "role">) {
  assertCan(ctx, "sync:operate");
  const orgId = ctx.org.id;
  const [connection, status, cursors, counts] = await Promise.all([
    getConnection(db, orgId),
    getSyncStatus(db, orgId),
    db.select().from(syncCursors).where(eq(syncCursors.orgId, orgId)),
    db
      .select({ entityType: syncItems.entityType, status: syncItems.status, n: count() })
      .from(syncItems)
      .where(and(eq(syncItems.orgId, orgId), inArray(syncItems.status, ["pending", "in_flight", "failed"])))
      .groupBy(syncItems.entityType, syncItems.status),
  ]);
  const rows: ResourceRow[] = ROWS.map((r) => {
    const mine = cursors.filter((c) => r.cursors.includes(c.resource));
    const runningCursors = mine.filter((c) => walkIsLive(c.runningSince));
    const tally = (statuses: string[]) => counts.filter((c) => r.entities.includes(c.entityType) && statuses.includes(c.status)).reduce((n, c) => n + Number(c.n), 0);
    const lastPulls = mine.map((c) => c.lastPullAt).filter((d): d is Date => !!d);
    return {
      key: r.key,
      label: r.label,
      direction: r.direction,
      lastPullAt: lastPulls.length === r.cursors.length && lastPulls.length ? new Date(Math.min(...lastPulls.map((d) => d.getTime()))) : null,
      pending: tally(["pending", "in_flight"]),
      failed: tally(["failed"]),
      running: runningCursors.length ? { done: runningCursors.reduce((n, c) => n + c.progressDone, 0), total: runningCursors.every((c) => c.progressTotal !== null) ? runningCursors.reduce((n, c) => n + (c.progressTotal ?? 0), 0) : null } : null,
      lastError: mine.find((c) => c.lastError)?.lastError ?? null,
      note: r.note,
    };
  });
  return { connection: connection ? { status: connection.status, tenantName: connection.xeroTenantName, reason: connection.statusReason, needsAttention: !connection.disconnectedByUser } : null, status, rows };
}

export type SyncOverview = Awaited<ReturnType<typeof getSyncOverview>>;
