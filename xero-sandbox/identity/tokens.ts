import { randomBytes, randomUUID } from "node:crypto";
import type { Sandbox } from "../sandbox";
import { SANDBOX_USER } from "../sandbox";
import type { Grant } from "../store/identity-state";

export const ACCESS_TOKEN_SECONDS = 1800;
export const REFRESH_GRACE_MS = 30 * 60_000;
export const REFRESH_IDLE_DEATH_MS = 60 * 86_400_000;

export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  token_type: "Bearer";
  refresh_token?: string;
  scope: string;
  id_token?: string;
}

/** Issues an access token (a JWT naming the consent's auth event) and, with offline_access, a refresh token. */
export function issueTokens(sandbox: Sandbox, grant: Grant, options: { nonce?: string; refreshToken?: string } = {}): TokenAnswer {
  const now = sandbox.clock.now();
  const jti = randomUUID().replace(/-/g, "");
  const iat = Math.floor(now / 1000);
  sandbox.identity.accessTokens.set(jti, { jti, grantId: grant.id, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000, revoked: false });
  const access_token = sandbox.key.signJwt({
    nbf: iat,
    exp: iat + ACCESS_TOKEN_SECONDS,
    iss: sandbox.baseUrl,
    aud: `${sandbox.baseUrl}/resources`,
    client_id: grant.clientId,
    sub: grant.userId,
    auth_time: Math.floor(grant.createdAt / 1000),
    xero_userid: grant.userId,
    global_session_id: grant.id,
    jti,
    authentication_event_id: grant.authEventId,
    scope: grant.scopes,
    iat,
  });
  const answer: TokenAnswer = { access_token, expires_in: ACCESS_TOKEN_SECONDS, token_type: "Bearer", scope: grant.scopes.join(" ") };
  if (grant.scopes.includes("offline_access")) {
    const token = options.refreshToken ?? randomBytes(32).toString("hex");
    if (!sandbox.identity.refreshTokens.has(token)) sandbox.identity.refreshTokens.set(token, { token, grantId: grant.id, issuedAt: now });
    answer.refresh_token = token;
  }
  if (grant.scopes.includes("openid")) {
    const [given, family] = SANDBOX_USER.name.split(" ");
    answer.id_token = sandbox.key.signJwt({
      nbf: iat,
      exp: iat + 300,
      iss: sandbox.baseUrl,
      aud: grant.clientId,
      iat,
      at_hash: undefined,
      sid: grant.id,
      sub: grant.userId,
      auth_time: Math.floor(grant.createdAt / 1000),
      xero_userid: grant.userId,
      global_session_id: grant.id,
      preferred_username: SANDBOX_USER.email,
      email: SANDBOX_USER.email,
      given_name: given,
      family_name: family,
      name: SANDBOX_USER.name,
      ...(options.nonce ? { nonce: options.nonce } : {}),
    });
  }
  return answer;
}

/** Revokes a consent: its tokens stop working and its app's connections for that user go. */
export function revokeGrant(sandbox: Sandbox, grantId: string): void {
  const grant = sandbox.identity.grants.get(grantId);
  if (!grant) return;
  grant.revoked = true;
  for (const t of sandbox.identity.accessTokens.values()) if (t.grantId === grantId) t.revoked = true;
  for (const [token, rec] of sandbox.identity.refreshTokens) if (rec.grantId === grantId) sandbox.identity.refreshTokens.delete(token);
  sandbox.identity.connections = sandbox.identity.connections.filter((c) => !(c.clientId === grant.clientId && c.userId === grant.userId));
}
