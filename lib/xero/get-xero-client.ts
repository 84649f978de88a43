import { eq } from "drizzle-orm";
import type { XeroClient } from "xero-node";
import type { Db } from "@/db";
import { xeroConnections, type XeroConnection } from "@/db/schema";
import { getLogger } from "@/lib/log/logger";
import { newXeroClient, xeroAppCredentials } from "./app-xero-client";
import { markConnectionBroken, openTokens, sealTokens } from "./connection-store";
import { toXeroError, XeroError } from "./xero-error";

/** Refresh this long before expiry, so a call never starts with a token about to die. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export class XeroNotConnectedError extends Error {
  constructor(public readonly status: "not_connected" | "needs_reauth" | "disconnected") {
    super(
      status === "not_connected"
        ? "Xero is not connected for this organisation. Connect it in Settings -> Integrations."
        : status === "needs_reauth"
          ? "The Xero connection needs to be re-authorised in Settings -> Integrations."
          : "Xero was disconnected. Connect it again in Settings -> Integrations.",
    );
    this.name = "XeroNotConnectedError";
  }
}

export interface ReadyXeroClient {
  xero: XeroClient;
  tenantId: string;
  connection: XeroConnection;
}

/**
 * A ready xero-node client for an organisation's connection: tokens opened, refreshed first when
 * they expire within a few minutes. Refreshing happens under a row lock, re-reading the row after
 * taking it, so any number of concurrent jobs make exactly one refresh per expiry (two workers
 * refreshing one token set is the top cause of invalid_grant in the field).
 */
/** The default reason to refresh: the access token expires within the margin. */
export const accessTokenExpiring = (row: XeroConnection, now = Date.now()) => !row.accessTokenExpiresAt || row.accessTokenExpiresAt.getTime() - now < REFRESH_MARGIN_MS;

export async function getXeroClient(db: Db, orgId: string): Promise<ReadyXeroClient> {
  let [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  if (!row) throw new XeroNotConnectedError("not_connected");
  if (row.status !== "connected") throw new XeroNotConnectedError(row.status);
  if (accessTokenExpiring(row)) row = await refreshConnection(db, orgId);
  const { accessToken, refreshToken } = openTokens(row);
  const xero = newXeroClient();
  xero.setTokenSet({ access_token: accessToken, refresh_token: refreshToken, token_type: "Bearer", expires_at: Math.floor(row.accessTokenExpiresAt!.getTime() / 1000) });
  return { xero, tenantId: row.xeroTenantId, connection: row };
}

/**
 * Refreshes under the row lock when `isStale` still holds for the row as re-read after taking the
 * lock: a worker that waited behind another's refresh finds fresh tokens and makes no call.
 */
export async function refreshConnection(db: Db, orgId: string, isStale: (row: XeroConnection) => boolean = (row) => accessTokenExpiring(row)): Promise<XeroConnection> {
  try {
    return await db.transaction(async (tx) => {
      // No-key update: refreshes queue behind each other and behind a switch (for update), while
      // answers being written (writeForXeroTenant's key share) neither wait for nor block a refresh.
      const [locked] = await tx.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId)).for("no key update");
      if (!locked) throw new XeroNotConnectedError("not_connected");
      if (locked.status !== "connected") throw new XeroNotConnectedError(locked.status);
      // Another worker refreshed while this one waited for the lock: use its tokens.
      if (!isStale(locked)) return locked;
      const { refreshToken } = openTokens(locked);
      const tokenSet = await refreshWithRetry(refreshToken);
      // Persist the new refresh token before anything uses it: the old one dies 30 minutes from now.
      const [saved] = await tx
        .update(xeroConnections)
        .set({ ...sealTokens(tokenSet), updatedAt: new Date() })
        .where(eq(xeroConnections.orgId, orgId))
        .returning();
      getLogger().info({ orgId }, "xero tokens refreshed");
      return saved;
    });
  } catch (error) {
    if (error instanceof XeroNotConnectedError) throw error;
    const xe = toXeroError(error);
    if (xe.code === "invalid_grant") await markConnectionBroken(db, orgId, "needs_reauth", xe.message);
    throw xe;
  }
}

/**
 * One retry on a timeout or dropped connection, with the same (old) refresh token: if Xero rotated
 * it but the answer was lost, the old token still works inside Xero's 30-minute grace.
 */
async function refreshWithRetry(refreshToken: string) {
  const { clientId, clientSecret } = xeroAppCredentials();
  let last: XeroError | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await newXeroClient().refreshWithRefreshToken(clientId, clientSecret, refreshToken);
    } catch (error) {
      last = toXeroError(error);
      if (last.code !== "timeout" && last.code !== "network") throw last;
    }
  }
  throw last!;
}
