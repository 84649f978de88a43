import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { getLogger } from "@/lib/log/logger";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { newXeroClient } from "./app-xero-client";
import { getConnection, openTokens } from "./connection-store";
import { toXeroError } from "./xero-error";

/**
 * Disconnects Xero: removes the connection at Xero and revokes the token (both best effort: a
 * dead token must not stop a user from disconnecting), then forgets the tokens. Everything synced
 * and every pending outbox row stays, so connecting again carries on where it stopped.
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
      await xero.revokeToken();
      revokedAtXero = true;
    } catch (error) {
      getLogger().warn({ orgId: ctx.org.id, code: toXeroError(error).code }, "xero disconnect: Xero did not confirm; tokens forgotten anyway");
    }
  }
  await db
    .update(xeroConnections)
    .set({ status: "disconnected", disconnectedByUser: true, statusReason: `Disconnected by ${ctx.user.name}`, accessTokenCipher: null, refreshTokenCipher: null, accessTokenExpiresAt: null, updatedAt: new Date() })
    .where(eq(xeroConnections.orgId, ctx.org.id));
  return { revokedAtXero };
}
