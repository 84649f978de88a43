import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import { generators, type TokenSet } from "openid-client";
import type { Db } from "@/db";
import { xeroAuthRequests, xeroConnections } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/log/logger";
import { forgetXeroOrganisation } from "@/lib/sync/forget-xero-organisation";
import { memberCan } from "@/lib/tenancy/member-can";
import type { OrgContext } from "@/lib/tenancy/org-context";
import { newXeroClient, xeroEndpoints, xeroRedirectUri } from "./app-xero-client";
import { getConnection, sealTokens } from "./connection-store";
import { dropRefusedConsent } from "./drop-refused-consent";
import { REQUIRED_XERO_SCOPES } from "./scopes";
import { isTenantTakenViolation, TENANT_TAKEN_MESSAGE, tenantTakenElsewhere } from "./tenant-claim";
import { toXeroError } from "./xero-error";

const REQUEST_MINUTES = 15;

export interface XeroTenantChoice {
  connectionId: string;
  tenantId: string;
  tenantName: string;
}

/** Starts the consent round trip: a state and a PKCE verifier bound to this user and organisation. */
export async function startXeroConnect(db: Db, ctx: OrgContext): Promise<string> {
  const state = randomBytes(24).toString("base64url");
  const verifier = generators.codeVerifier();
  const sealed = seal(verifier);
  await db.delete(xeroAuthRequests).where(lt(xeroAuthRequests.expiresAt, new Date()));
  await db.insert(xeroAuthRequests).values({ state, orgId: ctx.org.id, userId: ctx.user.id, codeVerifierCipher: sealed.sealed, tokenKeyId: sealed.keyId, expiresAt: new Date(Date.now() + REQUEST_MINUTES * 60_000) });
  return newXeroClient(state).openIdClient.authorizationUrl({
    redirect_uri: xeroRedirectUri(),
    scope: REQUIRED_XERO_SCOPES.join(" "),
    state,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
}

/** What went wrong on the way back from Xero, as codes the page turns into sentences. */
export const CALLBACK_MESSAGES = {
  cancelled: "You cancelled the connection at Xero. Nothing changed; connect again when you are ready.",
  expired: "This Xero sign-in expired or did not start here. Start the connection again from Settings -> Integrations.",
  refused: "Xero refused the permissions Ledgerbridge asks for. Contact support: the app's Xero settings need attention.",
  exchange_failed: "Xero did not complete the connection. Try again in a minute.",
  no_organisation: "No Xero organisation was selected. Connect again and tick the organisation to use.",
  tenant_taken: TENANT_TAKEN_MESSAGE,
} as const;
export type CallbackErrorReason = keyof typeof CALLBACK_MESSAGES;

export type CallbackOutcome =
  | { kind: "connected"; orgId: string; tenantName: string }
  | { kind: "choose"; orgId: string; state: string }
  | { kind: "error"; orgId: string | null; reason: CallbackErrorReason; message: string };

const failed = (orgId: string | null, reason: CallbackErrorReason): CallbackOutcome => ({ kind: "error", orgId, reason, message: CALLBACK_MESSAGES[reason] });

/**
 * Handles Xero's redirect back: checks the state belongs to this user, exchanges the code (with the
 * PKCE verifier), finds the organisations this consent covered (/connections?authEventId=), then
 * connects the one, or keeps the token aside until the user picks.
 */
export async function completeXeroConnect(db: Db, userId: string, callbackUrl: string): Promise<CallbackOutcome> {
  const url = new URL(callbackUrl);
  const state = url.searchParams.get("state") ?? "";
  // Our states are base64url; anything else (a NUL from a hand-edited URL) is no round trip of ours.
  if (!/^[\w-]{1,200}$/.test(state)) return failed(null, "expired");
  const [request] = await db
    .select()
    .from(xeroAuthRequests)
    .where(and(eq(xeroAuthRequests.state, state), eq(xeroAuthRequests.userId, userId), gt(xeroAuthRequests.expiresAt, new Date())));
  if (!request) return failed(null, "expired");
  // The state was issued to a manager; the role may have changed since (or the member left). Checked
  // before the code is exchanged, and again when the connection is saved (finishConnection).
  if (!(await memberCan(db, request.orgId, userId, "xero:manage"))) {
    await db.delete(xeroAuthRequests).where(eq(xeroAuthRequests.state, state));
    return failed(null, "expired");
  }
  const error = url.searchParams.get("error");
  if (error) {
    await db.delete(xeroAuthRequests).where(eq(xeroAuthRequests.state, state));
    return failed(request.orgId, error === "access_denied" ? "cancelled" : error === "invalid_scope" ? "refused" : "exchange_failed");
  }

  let tokenSet: TokenSet;
  try {
    const client = newXeroClient(state);
    tokenSet = await client.openIdClient.callback(xeroRedirectUri(), client.openIdClient.callbackParams(callbackUrl), { state, code_verifier: open(request.codeVerifierCipher) });
  } catch (e) {
    const xe = toXeroError(e);
    getLogger().warn({ orgId: request.orgId, code: xe.code }, "xero code exchange failed");
    return failed(request.orgId, "exchange_failed");
  }
  const tenants = await consentedTenants(tokenSet);
  if (!tenants.length) return failed(request.orgId, "no_organisation");
  const taken = await Promise.all(tenants.map((t) => tenantTakenElsewhere(db, request.orgId, t.tenantId)));
  if (taken.every(Boolean)) {
    await dropRefusedConsent(db, tokenSet, tenants);
    return failed(request.orgId, "tenant_taken");
  }

  const existing = await getConnection(db, request.orgId);
  const sameAsBefore = tenants.length === 1 && (!existing || existing.status === "disconnected" || existing.xeroTenantId === tenants[0].tenantId);
  if (sameAsBefore) {
    const finished = await finishConnection(db, state, request.orgId, userId, tenants[0], tokenSet);
    if (finished !== "connected") {
      await dropRefusedConsent(db, tokenSet, tenants);
      return finished === "taken" ? failed(request.orgId, "tenant_taken") : failed(null, "expired");
    }
    return { kind: "connected", orgId: request.orgId, tenantName: tenants[0].tenantName };
  }
  // Several organisations, or a different one than before: the user chooses (and confirms a change).
  await db
    .update(xeroAuthRequests)
    .set({ pendingTokenCipher: seal(JSON.stringify(tokenSet)).sealed, pendingTenants: JSON.stringify(tenants) })
    .where(eq(xeroAuthRequests.state, state));
  return { kind: "choose", orgId: request.orgId, state };
}

export async function pendingChoice(db: Db, ctx: OrgContext, state: string): Promise<XeroTenantChoice[] | null> {
  const [request] = await db
    .select()
    .from(xeroAuthRequests)
    .where(and(eq(xeroAuthRequests.state, state), eq(xeroAuthRequests.orgId, ctx.org.id), eq(xeroAuthRequests.userId, ctx.user.id), gt(xeroAuthRequests.expiresAt, new Date())));
  return request?.pendingTenants ? (JSON.parse(request.pendingTenants) as XeroTenantChoice[]) : null;
}

/** Finishes a pending choice; connecting a different Xero organisation than before needs `confirmChange`. */
export async function chooseXeroTenant(db: Db, ctx: OrgContext, input: { state: string; tenantId: string; confirmChange: boolean }): Promise<string> {
  const [request] = await db
    .select()
    .from(xeroAuthRequests)
    .where(and(eq(xeroAuthRequests.state, input.state), eq(xeroAuthRequests.orgId, ctx.org.id), eq(xeroAuthRequests.userId, ctx.user.id), gt(xeroAuthRequests.expiresAt, new Date())));
  if (!request?.pendingTenants || !request.pendingTokenCipher) throw new AppError("conflict", "This Xero sign-in expired. Start the connection again.");
  const tenant = (JSON.parse(request.pendingTenants) as XeroTenantChoice[]).find((t) => t.tenantId === input.tenantId);
  if (!tenant) throw new AppError("validation", "Choose one of the organisations listed.", [{ field: "tenantId", message: "Choose one of the organisations listed." }]);
  const existing = await getConnection(db, ctx.org.id);
  if (existing && existing.status !== "disconnected" && existing.xeroTenantId !== tenant.tenantId && !input.confirmChange) {
    throw new AppError("conflict", `This replaces ${existing.xeroTenantName} with ${tenant.tenantName}. Tick the confirmation to continue.`, [
      { field: "confirmChange", message: "Confirm that you want to switch to another Xero organisation." },
    ]);
  }
  const finished = await finishConnection(db, input.state, ctx.org.id, ctx.user.id, tenant, JSON.parse(open(request.pendingTokenCipher)));
  if (finished === "taken") throw new AppError("conflict", TENANT_TAKEN_MESSAGE, [{ field: "tenantId", message: "Choose a Xero organisation no other Ledgerbridge organisation uses." }]);
  if (finished === "expired") throw new AppError("conflict", "This Xero sign-in expired. Start the connection again.");
  return tenant.tenantName;
}

async function consentedTenants(tokenSet: TokenSet): Promise<XeroTenantChoice[]> {
  const claims = JSON.parse(Buffer.from(tokenSet.access_token!.split(".")[1], "base64url").toString()) as { authentication_event_id?: string };
  const query = claims.authentication_event_id ? `?authEventId=${encodeURIComponent(claims.authentication_event_id)}` : "";
  const res = await fetch(`${xeroEndpoints().api}/connections${query}`, { headers: { authorization: `Bearer ${tokenSet.access_token}` }, signal: AbortSignal.timeout(20_000) });
  if (!res.ok) throw toXeroError({ response: { status: res.status, data: await res.text() } });
  const rows = (await res.json()) as { id: string; tenantId: string; tenantName: string; tenantType: string }[];
  return rows.filter((r) => r.tenantType === "ORGANISATION").map((r) => ({ connectionId: r.id, tenantId: r.tenantId, tenantName: r.tenantName }));
}

/**
 * Saves the connection only if the sign-in is still pending, its user still manages Xero, and no other
 * organisation of ours holds this Xero organisation, in one transaction. A role change or removal
 * deletes the user's pending sign-ins (members.ts) under the membership lock, so whichever commits
 * first wins and a demoted member never switches the books. Two organisations racing for one Xero
 * organisation meet the partial unique index; the loser is told it is taken, and keeps its sign-in.
 */
async function finishConnection(db: Db, state: string, orgId: string, userId: string, tenant: XeroTenantChoice, tokenSet: TokenSet): Promise<"connected" | "expired" | "taken"> {
  try {
    return await db.transaction(async (tx) => {
      if (!(await memberCan(tx, orgId, userId, "xero:manage"))) return "expired";
      if (await tenantTakenElsewhere(tx, orgId, tenant.tenantId)) return "taken";
      const claimed = await tx.delete(xeroAuthRequests).where(eq(xeroAuthRequests.state, state)).returning({ state: xeroAuthRequests.state });
      if (!claimed.length) return "expired";
      await saveConnection(tx, orgId, userId, tenant, tokenSet);
      return "connected";
    });
  } catch (error) {
    if (isTenantTakenViolation(error)) return "taken";
    throw error;
  }
}

async function saveConnection(outer: Db, orgId: string, userId: string, tenant: XeroTenantChoice, tokenSet: TokenSet): Promise<void> {
  await outer.transaction(async (db) => {
    // The forget and the switch are one step (the row locked), so no write lands between them.
    const [previous] = await db.select().from(xeroConnections).where(eq(xeroConnections.orgId, orgId)).for("update");
    // Another Xero organisation than before: links to the old one's records mean nothing there.
    if (previous && previous.xeroTenantId !== tenant.tenantId) await forgetXeroOrganisation(db, orgId);
    await upsertConnection(db, orgId, userId, tenant, tokenSet);
  });
  getLogger().info({ orgId, tenantId: tenant.tenantId }, "xero connected");
}

async function upsertConnection(db: Db, orgId: string, userId: string, tenant: XeroTenantChoice, tokenSet: TokenSet): Promise<void> {
  const claims = JSON.parse(Buffer.from(tokenSet.access_token!.split(".")[1], "base64url").toString()) as { authentication_event_id?: string; xero_userid?: string };
  const values = {
    xeroTenantId: tenant.tenantId,
    xeroTenantName: tenant.tenantName,
    xeroConnectionId: tenant.connectionId,
    status: "connected" as const,
    statusReason: null,
    disconnectedByUser: false,
    authEventId: claims.authentication_event_id ?? null,
    xeroUserId: claims.xero_userid ?? null,
    // A new connection is tested afresh, not answered from the old one's result.
    lastTestAt: null,
    lastTestOk: null,
    lastTestMessage: null,
    connectedBy: userId,
    connectedAt: new Date(),
    updatedAt: new Date(),
    ...sealTokens(tokenSet),
  };
  await db.insert(xeroConnections).values({ orgId, ...values }).onConflictDoUpdate({ target: xeroConnections.orgId, set: values });
}
