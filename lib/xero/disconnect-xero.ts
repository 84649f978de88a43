import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { getLogger } from "@/lib/log/logger";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { newXeroClient } from "./app-xero-client";
import { getConnection, openTokens } from "./connection-store";
import { grantServesAnotherOrg, xeroUserIdOf } from "./shared-grant";
import { toXeroError } from "./xero-error";

/**
 * Disconnects Xero: removes this organisation's connection at Xero (DELETE /connections/{id}) and
 * revokes the token only when no other organisation of ours still lives on a connection the same Xero
 * user made (revoking ends all of them). Both best effort: a dead token must not stop a user from
 * disconnecting. Then forgets the tokens. Everything synced and every pending outbox row stays, so
 * connecting again carries on where it stopped.
 */
export async function disconnectXero(db: Db, ctx: OrgContext): Promise<{ revokedAtXero: boolean }> {
  const row = await getConnection(db, ctx.org.id);
  if (!row) throw notFound("The Xero connection");
  let revokedAtXero = false;
  if (row.accessTokenCipher && row.refreshTokenCipher) {
    const { accessToken, refreshToken } = openTokens(row);
    const xero = newXeroClient();
    xero.setTokenSet({ access_token: accessToken, refresh_token: refreshToken, token_type: "Bearer" });
    try {
      if (row.xeroConnectionId) await xero.disconnect(row.xeroConnectionId);
      const shared = await grantServesAnotherOrg(db, ctx.org.id, row.xeroUserId ?? xeroUserIdOf(accessToken));
      if (!shared) await xero.revokeToken();
      // Without a connection id, only the revocation would have removed this organisation at Xero.
      revokedAtXero = !!row.xeroConnectionId || !shared;
    } catch (error) {
      getLogger().warn({ orgId: ctx.org.id, code: toXeroError(error).code }, "xero disconnect: Xero did not confirm; tokens forgotten anyway");
    }
  }
  await db
    .update(xeroConnections)
    .set({
      status: "disconnected",
      disconnectedByUser: true,
      statusReason: `Disconnected by ${ctx.user.name}`,
      accessTokenCipher: null,
      refreshTokenCipher: null,
      accessTokenExpiresAt: null,
      lastTestAt: null,
      lastTestOk: null,
      lastTestMessage: null,
      updatedAt: new Date(),
    })
    .where(eq(xeroConnections.orgId, ctx.org.id));
  return { revokedAtXero };
}
