import { and, eq, isNotNull, isNull, ne, or } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";
import { openTokens } from "./connection-store";

/** The Xero user an access token was issued to (its xero_userid claim), or null when it has none. */
export function xeroUserIdOf(accessToken: string): string | null {
  try {
    const claims = JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString()) as { xero_userid?: unknown };
    return typeof claims.xero_userid === "string" ? claims.xero_userid : null;
  } catch {
    return null;
  }
}

/**
 * Whether another organisation of ours holds a live connection made by the same Xero user. Revoking a
 * refresh token ends every connection that user made for the app (Xero does this; the sandbox models
 * it in identity/tokens.ts revokeGrant), so then only this organisation's connection may be deleted.
 * A connection whose user was not stored (made before we kept it) is read from its own access
 * token; one whose token names no user counts as possibly the same user. A connection holding no
 * tokens has no grant left to lose.
 */
export async function grantServesAnotherOrg(db: Db, orgId: string, xeroUserId: string | null): Promise<boolean> {
  const sameUser = xeroUserId ? or(eq(xeroConnections.xeroUserId, xeroUserId), isNull(xeroConnections.xeroUserId)) : undefined;
  const rows = await db
    .select()
    .from(xeroConnections)
    .where(and(ne(xeroConnections.orgId, orgId), ne(xeroConnections.status, "disconnected"), isNotNull(xeroConnections.accessTokenCipher), sameUser));
  return rows.some((row) => {
    if (!xeroUserId || row.xeroUserId) return true;
    const user = xeroUserIdOf(openTokens(row).accessToken);
    return user === null || user === xeroUserId;
  });
}
