import type { SandboxRequest } from "../http";
import type { Sandbox } from "../sandbox";
import type { Grant } from "../store/identity-state";
import { decodeJwtPayload } from "./signing-key";

export type BearerResult = { ok: true; grant: Grant } | { ok: false; detail: string };

/** Checks `Authorization: Bearer <access token>` against the tokens this sandbox issued. */
export function checkBearer(sandbox: Sandbox, req: SandboxRequest): BearerResult {
  const header = String(req.headers.authorization ?? "");
  if (!header.toLowerCase().startsWith("bearer ")) return { ok: false, detail: "AuthorizationUnsuccessful" };
  const token = header.slice(7).trim();
  const payload = decodeJwtPayload(token);
  const jti = typeof payload?.jti === "string" ? payload.jti : "";
  const rec = sandbox.identity.accessTokens.get(jti);
  // A token we did not issue (or with a forged payload) reads as unknown.
  if (!rec || token.split(".").length !== 3) return { ok: false, detail: "AuthorizationUnsuccessful" };
  const grant = sandbox.identity.grants.get(rec.grantId);
  if (!grant || rec.revoked || grant.revoked) return { ok: false, detail: "AuthorizationUnsuccessful" };
  if (rec.expiresAt <= sandbox.clock.now()) {
    return { ok: false, detail: `TokenExpired: token expired at ${new Date(rec.expiresAt).toISOString().replace("T", " ").slice(0, 19)}` };
  }
  return { ok: true, grant };
}
