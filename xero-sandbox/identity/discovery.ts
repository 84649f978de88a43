import { json, type SandboxResponse } from "../http";
import type { Sandbox } from "../sandbox";
import { GRANULAR_SCOPES } from "./scopes";

/** OpenID discovery naming the sandbox's own paths, so a standard OpenID client can find them. */
export function openidConfiguration(sandbox: Sandbox): SandboxResponse {
  const base = sandbox.baseUrl;
  return json(200, {
    issuer: base,
    authorization_endpoint: `${base}/identity/connect/authorize`,
    token_endpoint: `${base}/connect/token`,
    revocation_endpoint: `${base}/connect/revocation`,
    userinfo_endpoint: `${base}/connect/userinfo`,
    jwks_uri: `${base}/.well-known/openid-configuration/jwks`,
    scopes_supported: GRANULAR_SCOPES,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    claims_supported: ["sub", "email", "given_name", "family_name", "name", "xero_userid", "global_session_id", "preferred_username"],
  });
}

export function jwks(sandbox: Sandbox): SandboxResponse {
  return json(200, { keys: [sandbox.key.jwk()] });
}
