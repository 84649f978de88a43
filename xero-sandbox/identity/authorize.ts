import { randomBytes, randomUUID } from "node:crypto";
import { escapeHtml, html, redirect, type SandboxRequest, type SandboxResponse } from "../http";
import { SANDBOX_USER, type Sandbox } from "../sandbox";
import { redirectUriAllowed } from "./client-auth";
import { GRANULAR_SCOPES, RETIRED_BROAD_SCOPES } from "./scopes";

interface PendingConsent {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  nonce?: string;
}

const pending = new Map<string, PendingConsent>();

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

function errorPage(message: string): SandboxResponse {
  return html(400, page("Something went wrong", `<p class="err">${escapeHtml(message)}</p>`));
}

/** GET /identity/connect/authorize: checks the request as Xero does, then shows the consent page. */
export function authorize(sandbox: Sandbox, req: SandboxRequest): SandboxResponse {
  const q = req.url.searchParams;
  const app = sandbox.identity.apps.get(q.get("client_id") ?? "");
  // Errors about the client or redirect URI are shown, never redirected (no trusted place to send them).
  if (!app) return errorPage("unauthorized_client: unknown client_id");
  const redirectUri = q.get("redirect_uri") ?? "";
  if (!redirectUriAllowed(app, redirectUri)) return errorPage("Invalid redirect_uri");
  const state = q.get("state") ?? undefined;
  const fail = (error: string, description?: string) => redirect(withParams(redirectUri, { error, error_description: description, state }));

  if (q.get("response_type") !== "code") return fail("unsupported_response_type");
  const scopes = (q.get("scope") ?? "").split(/\s+/).filter(Boolean);
  if (!scopes.length) return fail("invalid_scope", "No scope requested");
  const retired = scopes.filter((s) => RETIRED_BROAD_SCOPES.includes(s));
  if (retired.length) return fail("invalid_scope", `Scope not available to new apps: ${retired.join(" ")}`);
  const unknown = scopes.filter((s) => !GRANULAR_SCOPES.includes(s));
  if (unknown.length) return fail("invalid_scope", `Unknown scope: ${unknown.join(" ")}`);
  const codeChallenge = q.get("code_challenge") ?? undefined;
  if (codeChallenge && (q.get("code_challenge_method") ?? "plain") !== "S256") return fail("invalid_request", "code_challenge_method must be S256");
  if (!codeChallenge && app.clientSecret === null) return fail("invalid_request", "PKCE is required for this client");

  const consent: PendingConsent = { clientId: app.clientId, redirectUri, scopes, state, codeChallenge, nonce: q.get("nonce") ?? undefined };
  const auto = q.get("sandbox_auto_consent");
  if (auto) {
    const tenantIds = auto === "all" ? [...sandbox.orgs.keys()] : auto.split(",");
    // Tests can consent as another Xero user (a second bookkeeper): connections and revocation are per user.
    return approve(sandbox, consent, tenantIds, q.get("sandbox_user") || SANDBOX_USER.id);
  }
  const id = randomUUID();
  pending.set(id, consent);
  return html(200, consentPage(sandbox, app.name, consent, id));
}

/** POST /identity/connect/authorize/decision: Allow (with the organisations ticked) or Cancel. */
export function decide(sandbox: Sandbox, req: SandboxRequest): SandboxResponse {
  const consent = pending.get(req.form.get("request") ?? "");
  if (!consent) return errorPage("This consent request expired. Start the connection again from the app.");
  pending.delete(req.form.get("request")!);
  if (req.form.get("decision") !== "allow") return redirect(withParams(consent.redirectUri, { error: "access_denied", state: consent.state }));
  const tenantIds = req.form.getAll("tenant");
  if (!tenantIds.length) {
    const id = randomUUID();
    pending.set(id, consent);
    return html(200, consentPage(sandbox, sandbox.identity.apps.get(consent.clientId)?.name ?? consent.clientId, consent, id, "Choose at least one organisation."));
  }
  return approve(sandbox, consent, tenantIds);
}

function approve(sandbox: Sandbox, consent: PendingConsent, tenantIds: string[], userId = SANDBOX_USER.id): SandboxResponse {
  const now = sandbox.clock.now();
  const grant = { id: randomUUID(), clientId: consent.clientId, userId, scopes: consent.scopes, authEventId: randomUUID(), createdAt: now, revoked: false };
  sandbox.identity.grants.set(grant.id, grant);
  for (const tenantId of tenantIds) {
    const org = sandbox.org(tenantId);
    if (!org) continue;
    const existing = sandbox.identity.connections.find((c) => c.clientId === grant.clientId && c.userId === grant.userId && c.tenantId === org.tenantId);
    if (existing) {
      existing.authEventId = grant.authEventId;
      existing.updatedDateUtc = now;
    } else {
      sandbox.identity.connections.push({ id: randomUUID(), clientId: grant.clientId, userId: grant.userId, tenantId: org.tenantId, authEventId: grant.authEventId, createdDateUtc: now, updatedDateUtc: now });
    }
  }
  const code = randomBytes(24).toString("hex");
  sandbox.identity.codes.set(code, { code, grantId: grant.id, redirectUri: consent.redirectUri, codeChallenge: consent.codeChallenge, nonce: consent.nonce, expiresAt: now + 5 * 60_000, used: false });
  sandbox.changed();
  return redirect(withParams(consent.redirectUri, { code, scope: consent.scopes.join(" "), state: consent.state, session_state: randomUUID() }));
}

function consentPage(sandbox: Sandbox, appName: string, consent: PendingConsent, requestId: string, error?: string): string {
  const orgs = [...sandbox.orgs.values()];
  const rows = orgs
    .map(
      (o, i) =>
        `<label class="org"><input type="checkbox" name="tenant" value="${escapeHtml(o.tenantId)}" ${i === 0 ? "checked" : ""}> <span>${escapeHtml(o.profile.name)}</span> <small>${escapeHtml(o.profile.baseCurrency)}</small></label>`,
    )
    .join("");
  const scopeList = consent.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("");
  return page(
    `${escapeHtml(appName)} wants to access your Xero organisation`,
    `${error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : ""}
     <p>Signed in as <strong>${escapeHtml(SANDBOX_USER.email)}</strong> (Xero sandbox).</p>
     <form method="post" action="/identity/connect/authorize/decision">
       <input type="hidden" name="request" value="${requestId}">
       <fieldset><legend>Organisations to connect</legend>${rows || "<p>No organisations in this sandbox.</p>"}</fieldset>
       <details><summary>Permissions requested</summary><ul>${scopeList}</ul></details>
       <div class="actions">
         <button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
         <button type="submit" name="decision" value="allow">Allow access</button>
       </div>
     </form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} | Xero sandbox</title>
<style>body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;display:flex;justify-content:center;padding:48px 16px;color:#1f2933}
main{background:#fff;border-radius:12px;box-shadow:0 2px 10px #0001;max-width:460px;width:100%;padding:32px}
h1{font-size:20px;margin:0 0 16px}.brand{color:#13b5ea;font-weight:700;margin-bottom:16px}fieldset{border:1px solid #dde3e8;border-radius:8px;margin:16px 0}
.org{display:flex;gap:8px;align-items:center;padding:6px 0}.org small{color:#6b7785;margin-left:auto}.actions{display:flex;gap:12px;justify-content:flex-end;margin-top:20px}
button{border:0;border-radius:6px;padding:10px 18px;font-size:15px;background:#13b5ea;color:#fff;cursor:pointer}button.secondary{background:#e4e9ee;color:#1f2933}.err{color:#c0392b}</style></head>
<body><main><div class="brand">xero · sandbox</div><h1>${title}</h1>${body}</main></body></html>`;
}
