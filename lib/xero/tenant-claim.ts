import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";

/** Names no one: the other organisation's name is not ours to tell. */
export const TENANT_TAKEN_MESSAGE =
  "This Xero organisation is already connected to another Ledgerbridge organisation. Connect a different Xero organisation, or ask whoever connected it to disconnect it there first.";

/**
 * Whether another organisation of ours is connected to this Xero organisation. Only `connected`
 * holds it: a connection waiting for re-authorisation may be abandoned (the books' owner removed the
 * app in Xero), and re-authorising it after another organisation connected is refused like any other. The partial unique index xero_connections_active_tenant_idx is the guarantee; this
 * check only turns the common case into a sentence before any write.
 */
export async function tenantTakenElsewhere(db: Db, orgId: string, xeroTenantId: string): Promise<boolean> {
  const rows = await db
    .select({ orgId: xeroConnections.orgId })
    .from(xeroConnections)
    .where(and(eq(xeroConnections.xeroTenantId, xeroTenantId), ne(xeroConnections.orgId, orgId), eq(xeroConnections.status, "connected")))
    .limit(1);
  return rows.length > 0;
}

/** The index refusing a second live organisation on one Xero organisation (two callbacks racing). */
export function isTenantTakenViolation(error: unknown): boolean {
  for (let e = error as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505" && (e.constraint === "xero_connections_active_tenant_idx" || e.message?.includes("xero_connections_active_tenant_idx"))) return true;
  }
  return false;
}
