import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";

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
 * A connection whose user is unknown (made before we stored it) counts as possibly the same user.
 */
export async function grantServesAnotherOrg(db: Db, orgId: string, xeroUserId: string | null): Promise<boolean> {
  const sameUser = xeroUserId ? or(eq(xeroConnections.xeroUserId, xeroUserId), isNull(xeroConnections.xeroUserId)) : undefined;
  const rows = await db
    .select({ orgId: xeroConnections.orgId })
    .from(xeroConnections)
    .where(and(ne(xeroConnections.orgId, orgId), ne(xeroConnections.status, "disconnected"), sameUser))
    .limit(1);
  return rows.length > 0;
}
