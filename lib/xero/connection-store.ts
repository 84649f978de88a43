import { and, eq, ne } from "drizzle-orm";
import type { TokenSet } from "openid-client";
import type { Db } from "@/db";
import { organizations, xeroConnections, type XeroConnection } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";
import { getLogger } from "@/lib/log/logger";
import { raiseAlert } from "@/lib/alerts/raise-alert";

export async function getConnection(db: Db, orgId: string): Promise<XeroConnection | undefined> {
  const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  return row;
}

export interface TokenFields {
  accessTokenCipher: string;
  refreshTokenCipher: string;
  tokenKeyId: string;
  accessTokenExpiresAt: Date;
  refreshTokenIssuedAt: Date;
  grantedScopes: string[];
}

/** Seals a token set for storage: nothing of it is kept in clear. */
export function sealTokens(tokenSet: Pick<TokenSet, "access_token" | "refresh_token" | "expires_at" | "scope">, now = new Date()): TokenFields {
  if (!tokenSet.access_token || !tokenSet.refresh_token) throw new Error("Xero answered without an access or refresh token (is offline_access granted?)");
  const access = seal(tokenSet.access_token);
  return {
    accessTokenCipher: access.sealed,
    refreshTokenCipher: seal(tokenSet.refresh_token).sealed,
    tokenKeyId: access.keyId,
    accessTokenExpiresAt: new Date((tokenSet.expires_at ?? Math.floor(now.getTime() / 1000) + 1800) * 1000),
    refreshTokenIssuedAt: now,
    grantedScopes: (tokenSet.scope ?? "").split(/\s+/).filter(Boolean),
  };
}

export function openTokens(row: XeroConnection): { accessToken: string; refreshToken: string } {
  if (!row.accessTokenCipher || !row.refreshTokenCipher) throw new Error("This Xero connection holds no tokens");
  return { accessToken: open(row.accessTokenCipher), refreshToken: open(row.refreshTokenCipher) };
}

const STATUS_NOTICE = {
  needs_reauth: { title: "Xero needs to be re-authorised", body: "Syncing with Xero is paused. An owner or admin must re-authorise the connection; nothing waiting to sync is lost." },
  disconnected: { title: "Xero was disconnected", body: "Xero refused access to the organisation (the app was removed in Xero, or disconnected). Syncing is paused until an owner or admin connects it again." },
} as const;

/**
 * Moves a connection to needs_reauth or disconnected, once: the first caller to see the failure
 * changes the status and tells the organisation's owners and admins; later callers change nothing.
 */
export async function markConnectionBroken(db: Db, orgId: string, status: "needs_reauth" | "disconnected", reason: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(xeroConnections)
      .set({ status, statusReason: reason, updatedAt: new Date() })
      .where(and(eq(xeroConnections.orgId, orgId), ne(xeroConnections.status, status)))
      .returning({ orgId: xeroConnections.orgId });
    if (!changed.length) return false;
    getLogger().warn({ orgId, status, reason }, "xero connection needs attention");
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
    const notice = STATUS_NOTICE[status];
    // The alert is rows in the same transaction (its emails are sent after commit). In a savepoint:
    // if it cannot be written the status change still holds, and the caller still sees Xero's error.
    try {
      await tx.transaction((sp) => raiseAlert(sp, { orgId, kind: "xero.attention", notificationKind: `xero.${status}`, message: { title: notice.title, body: notice.body, link: `/o/${org.slug}/settings/integrations` } }));
    } catch (error) {
      getLogger().error({ orgId, err: error }, "the connection alert could not be raised");
    }
    return true;
  });
}
