import { getLogger } from "@/lib/log/logger";
import type { Db } from "@/db";
import { xeroEndpoints } from "./app-xero-client";
import { recordXeroCall } from "./call-stats";
import { markConnectionBroken } from "./connection-store";
import { getXeroClient, XeroNotConnectedError } from "./get-xero-client";
import { toXeroError } from "./xero-error";

export interface ConnectionCheck {
  state: "connected" | "revoked" | "disconnected" | "not_connected" | "unreachable";
  message: string;
}

/**
 * Asks Xero itself whether the organisation's connection still stands: the token refreshes (a
 * revoked consent answers invalid_grant) and Xero's `/connections` still lists our Xero tenant (an
 * app removed inside Xero is missing from it while its tokens still refresh). What it finds is
 * written to the connection, so the status and the tenant's portal say it too. One call (two with a refresh).
 */
export async function checkXeroConnection(db: Db, orgId: string): Promise<ConnectionCheck> {
  let ready;
  try {
    ready = await getXeroClient(db, orgId);
  } catch (error) {
    if (error instanceof XeroNotConnectedError) return { state: error.status === "not_connected" ? "not_connected" : error.status === "needs_reauth" ? "revoked" : "disconnected", message: error.message };
    const xe = toXeroError(error);
    if (xe.code === "invalid_grant") return { state: "revoked", message: "Xero refused the refresh token: the consent was revoked or expired. The customer re-authorises in the Client Portal." };
    return { state: "unreachable", message: `Xero could not be asked: ${xe.message}` };
  }
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(`${xeroEndpoints().api}/connections`, { headers: { authorization: `Bearer ${ready.xero.readTokenSet().access_token}` }, signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    const xe = toXeroError(error);
    await recordXeroCall(db, orgId, { method: "GET", path: "/connections", status: 0, durationMs: Date.now() - started, bytes: 0, errorCode: xe.code });
    return { state: "unreachable", message: `Xero did not answer /connections: ${xe.message}` };
  }
  const text = await res.text();
  await recordXeroCall(db, orgId, { method: "GET", path: "/connections", status: res.status, durationMs: Date.now() - started, bytes: Buffer.byteLength(text), correlationId: res.headers.get("xero-correlation-id") });
  if (res.status === 401 || res.status === 403) {
    await markConnectionBroken(db, orgId, "needs_reauth", "Xero refused the access token at /connections: the consent was revoked.");
    return { state: "revoked", message: "Xero refused the token at /connections: the consent was revoked. The customer re-authorises in the Client Portal." };
  }
  if (!res.ok) return { state: "unreachable", message: `Xero answered /connections with ${res.status}.` };
  let connections: unknown;
  try {
    connections = JSON.parse(text);
  } catch {
    connections = null;
  }
  if (!Array.isArray(connections)) return { state: "unreachable", message: "Xero's /connections answered something that is not a list of connections." };
  const listed = connections.some((c: { tenantId?: unknown }) => typeof c?.tenantId === "string" && c.tenantId.toLowerCase() === ready.tenantId.toLowerCase());
  if (!listed) {
    await markConnectionBroken(db, orgId, "disconnected", "The app was removed inside Xero: the organisation is no longer in Xero's /connections.");
    return { state: "disconnected", message: "The app was removed inside Xero (the organisation is missing from Xero's /connections). The customer re-authorises in the Client Portal." };
  }
  return { state: "connected", message: `Xero lists the connection to ${ready.connection.xeroTenantName}: it stands.` };
}

/** The nightly check of many organisations: one's failure to answer is that one's, the others are still asked. */
export async function checkXeroConnections(db: Db, orgIds: string[]): Promise<{ broken: string[] }> {
  const broken: string[] = [];
  for (const orgId of orgIds) {
    const check = await checkXeroConnection(db, orgId).catch((error: unknown) => {
      getLogger().warn({ err: error, orgId }, "the nightly /connections check of this organisation failed; tomorrow's asks again");
      return null;
    });
    if (check && (check.state === "revoked" || check.state === "disconnected")) broken.push(orgId);
  }
  return { broken };
}
