import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users, xeroConnections } from "@/db/schema";
import { callsToday } from "./call-stats";
import { missingScopes } from "./scopes";

export type XeroState = "not_connected" | "connected" | "needs_reauth" | "disconnected";

export interface XeroStatus {
  state: XeroState;
  /** Broken without anyone choosing it: flagged on every portal page for owners and admins. */
  needsAttention: boolean;
  tenantId: string | null;
  tenantName: string | null;
  reason: string | null;
  connectedByName: string | null;
  connectedAt: Date | null;
  accessTokenExpiresAt: Date | null;
  grantedScopes: string[];
  missingScopes: string[];
  lastSyncAt: Date | null;
  callsToday: number;
}

/** What the portal shows about an organisation's Xero connection (no secrets). */
export async function getXeroStatus(db: Db, orgId: string): Promise<XeroStatus> {
  const [row] = await db
    .select({ c: xeroConnections, connectedByName: users.name })
    .from(xeroConnections)
    .leftJoin(users, eq(users.id, xeroConnections.connectedBy))
    .where(eq(xeroConnections.orgId, orgId));
  if (!row) {
    return { state: "not_connected", needsAttention: false, tenantId: null, tenantName: null, reason: null, connectedByName: null, connectedAt: null, accessTokenExpiresAt: null, grantedScopes: [], missingScopes: [], lastSyncAt: null, callsToday: 0 };
  }
  const { c } = row;
  return {
    state: c.status,
    needsAttention: c.status === "needs_reauth" || (c.status === "disconnected" && !c.disconnectedByUser),
    tenantId: c.xeroTenantId,
    tenantName: c.xeroTenantName,
    reason: c.statusReason,
    connectedByName: row.connectedByName,
    connectedAt: c.connectedAt,
    accessTokenExpiresAt: c.accessTokenExpiresAt,
    grantedScopes: c.grantedScopes,
    missingScopes: c.status === "connected" ? missingScopes(c.grantedScopes) : [],
    lastSyncAt: c.lastSyncAt,
    callsToday: (await callsToday(db, orgId)).calls,
  };
}
