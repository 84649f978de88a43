import { createHash } from "node:crypto";
import { json, type SandboxRequest, type SandboxResponse } from "../http";
import type { Sandbox } from "../sandbox";
import { authenticateClient } from "./client-auth";
import { issueTokens, REFRESH_GRACE_MS, REFRESH_IDLE_DEATH_MS } from "./tokens";

const oauthError = (error: string, description?: string) => json(400, description ? { error, error_description: description } : { error });

/** POST /connect/token: authorization_code and refresh_token (rotating, with Xero's 30-minute grace). */
export function tokenEndpoint(sandbox: Sandbox, req: SandboxRequest): SandboxResponse | "drop" {
  const app = authenticateClient(sandbox, req);
  if (!app) return oauthError("invalid_client");
  const grantType = req.form.get("grant_type");
  const now = sandbox.clock.now();

  if (grantType === "authorization_code") {
    const code = sandbox.identity.codes.get(req.form.get("code") ?? "");
    if (!code || code.used || code.expiresAt < now) return oauthError("invalid_grant");
    const grant = sandbox.identity.grants.get(code.grantId);
    if (!grant || grant.clientId !== app.clientId || grant.revoked) return oauthError("invalid_grant");
    if (req.form.get("redirect_uri") !== code.redirectUri) return oauthError("invalid_grant", "redirect_uri does not match");
    if (code.codeChallenge) {
      const verifier = req.form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (challenge !== code.codeChallenge) return oauthError("invalid_grant", "code_verifier does not match");
    } else if (app.clientSecret === null) {
      return oauthError("invalid_grant");
    }
    code.used = true;
    sandbox.changed();
    return json(200, issueTokens(sandbox, grant, { nonce: code.nonce }));
  }

  if (grantType === "refresh_token") {
    const rec = sandbox.identity.refreshTokens.get(req.form.get("refresh_token") ?? "");
    if (!rec) return oauthError("invalid_grant");
    const grant = sandbox.identity.grants.get(rec.grantId);
    if (!grant || grant.revoked || grant.clientId !== app.clientId) return oauthError("invalid_grant");
    if (rec.rotatedAt !== undefined) {
      // Within the grace the old token still works and leads to the same successor.
      if (now - rec.rotatedAt > REFRESH_GRACE_MS || !rec.rotatedTo) return oauthError("invalid_grant");
      const answer = issueTokens(sandbox, grant, { refreshToken: rec.rotatedTo });
      sandbox.changed();
      return json(200, answer);
    }
    if (now - rec.issuedAt > REFRESH_IDLE_DEATH_MS) return oauthError("invalid_grant");
    const answer = issueTokens(sandbox, grant);
    rec.rotatedAt = now;
    rec.rotatedTo = answer.refresh_token;
    sandbox.changed();
    if (sandbox.faults.dropTokenAnswer > 0) {
      sandbox.faults.dropTokenAnswer--;
      return "drop";
    }
    return json(200, answer);
  }

  return oauthError("unsupported_grant_type");
}

/** POST /connect/revocation: revoking a refresh token ends its consent and its connections. */
export function revocationEndpoint(sandbox: Sandbox, req: SandboxRequest, revoke: (grantId: string) => void): SandboxResponse {
  const app = authenticateClient(sandbox, req);
  if (!app) return oauthError("invalid_client");
  const rec = sandbox.identity.refreshTokens.get(req.form.get("token") ?? "");
  if (rec && sandbox.identity.grants.get(rec.grantId)?.clientId === app.clientId) {
    revoke(rec.grantId);
    sandbox.changed();
  }
  // RFC 7009: 200 whether or not the token was known.
  return { status: 200, headers: {}, body: "" };
}
