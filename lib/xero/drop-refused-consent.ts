import { and, eq, inArray } from "drizzle-orm";
import type { TokenSet } from "openid-client";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";
import { getLogger } from "@/lib/log/logger";
import { xeroEndpoints } from "./app-xero-client";

/**
 * A consent we refused (the Xero organisation is taken, or the user may no longer manage Xero) still
 * left a connection at Xero for its Xero user: access to those books that nobody here will use or
 * can remove later. It is deleted with the consent's own token, unless it is the very connection an
 * organisation of ours is connected through (the same Xero user consenting again gets the same one
 * back, and deleting it would cut that organisation off). Best effort: the refusal stands either way.
 */
export async function dropRefusedConsent(db: Db, tokenSet: TokenSet, consented: { connectionId: string; tenantId: string }[]): Promise<void> {
  if (!consented.length || !tokenSet.access_token) return;
  const held = await db
    .select({ id: xeroConnections.xeroConnectionId })
    .from(xeroConnections)
    .where(and(inArray(xeroConnections.xeroTenantId, consented.map((c) => c.tenantId)), eq(xeroConnections.status, "connected")));
  const inUse = new Set(held.map((h) => h.id));
  for (const { connectionId } of consented.filter((c) => !inUse.has(c.connectionId))) {
    try {
      const res = await fetch(`${xeroEndpoints().api}/connections/${encodeURIComponent(connectionId)}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${tokenSet.access_token}` },
        signal: AbortSignal.timeout(20_000),
      });
      if (!res.ok && res.status !== 404) getLogger().warn({ status: res.status }, "refused consent: Xero did not remove its connection");
    } catch (error) {
      getLogger().warn({ err: error }, "refused consent: Xero did not remove its connection");
    }
  }
}
