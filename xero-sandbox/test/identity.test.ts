import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_APP, DEMO_TENANTS, startXeroSandbox, type RunningSandbox } from "../index";
import { ALL_SCOPES, connect, REDIRECT_URI, xeroFor } from "./helpers";

let running: RunningSandbox | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const start = async () => (running = await startXeroSandbox({ seed: "demo" }));
const basic = `Basic ${Buffer.from(`${DEFAULT_APP.clientId}:${DEFAULT_APP.clientSecret}`).toString("base64")}`;
const jwtPayload = (token: string) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());

async function tokenCall(url: string, form: Record<string, string>, auth = basic) {
  const res = await fetch(`${url}/connect/token`, { method: "POST", headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
  return { status: res.status, body: await res.json() };
}

describe("sandbox identity, driven by xero-node", () => {
  it("publishes discovery naming its own paths", async () => {
    const s = await start();
    const doc = await (await fetch(`${s.url}/.well-known/openid-configuration`)).json();
    expect(doc).toMatchObject({ issuer: s.url, authorization_endpoint: `${s.url}/identity/connect/authorize`, token_endpoint: `${s.url}/connect/token`, revocation_endpoint: `${s.url}/connect/revocation` });
    const jwks = await (await fetch(doc.jwks_uri)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256" });
  });

  it("completes consent and callback; the access token names the auth event and the id_token verifies", async () => {
    const s = await start();
    const xero = xeroFor(s);
    const { tokenSet, location } = await connect(s, xero);
    expect(new URL(location).searchParams.get("state")).toBe("state-123");
    expect(tokenSet.refresh_token).toMatch(/^[0-9a-f]{64}$/);
    // TokenSet counts expires_in down from expires_at, so a second may already have passed.
    expect(tokenSet.expires_in).toBeGreaterThanOrEqual(1799);
    expect(tokenSet.expires_in).toBeLessThanOrEqual(1800);
    // openid-client checked the id_token's RS256 signature against the JWKS, its issuer and audience.
    expect(tokenSet.claims()).toMatchObject({ aud: DEFAULT_APP.clientId, email: "accountant@sandbox.xero.test" });
    const claims = jwtPayload(tokenSet.access_token!);
    expect(claims.scope).toEqual(ALL_SCOPES);
    const tenants = await xero.updateTenants(false);
    expect(tenants.map((t: { tenantName: string }) => t.tenantName).sort()).toEqual(["Demo Company (UK)", "Demo Company (US)"]);
    expect(tenants.every((t: { authEventId: string }) => t.authEventId === claims.authentication_event_id)).toBe(true);
  });

  it("filters connections by authEventId: a later consent for one organisation is told apart", async () => {
    const s = await start();
    const xero = xeroFor(s);
    await connect(s, xero, DEMO_TENANTS.us);
    const second = xeroFor(s);
    const { tokenSet } = await connect(s, second, DEMO_TENANTS.uk);
    const eventId = jwtPayload(tokenSet.access_token!).authentication_event_id;
    const res = await fetch(`${s.url}/connections?authEventId=${eventId}`, { headers: { authorization: `Bearer ${tokenSet.access_token}` } });
    const rows = await res.json();
    expect(rows.map((r: { tenantId: string }) => r.tenantId)).toEqual([DEMO_TENANTS.uk]);
    const all = await (await fetch(`${s.url}/connections`, { headers: { authorization: `Bearer ${tokenSet.access_token}` } })).json();
    expect(all).toHaveLength(2);
  });

  it("shows a consent page; Cancel returns access_denied with the state", async () => {
    const s = await start();
    const url = await xeroFor(s).buildConsentUrl();
    const page = await (await fetch(url)).text();
    expect(page).toContain("Demo Company (US)");
    expect(page).toContain("Demo Company (UK)");
    const requestId = /name="request" value="([^"]+)"/.exec(page)![1];
    const res = await fetch(`${s.url}/identity/connect/authorize/decision`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ request: requestId, decision: "cancel" }),
      redirect: "manual",
    });
    const back = new URL(res.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("state-123");
  });

  it("refuses the retired broad scopes and unknown redirect URIs", async () => {
    const s = await start();
    const base = `${s.url}/identity/connect/authorize?response_type=code&client_id=${DEFAULT_APP.clientId}&state=x`;
    const res = await fetch(`${base}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&scope=offline_access%20accounting.transactions`, { redirect: "manual" });
    expect(new URL(res.headers.get("location")!).searchParams.get("error")).toBe("invalid_scope");
    const bad = await fetch(`${base}&redirect_uri=${encodeURIComponent("https://evil.example/cb")}&scope=offline_access`, { redirect: "manual" });
    expect(bad.status).toBe(400);
  });

  it("verifies PKCE S256", async () => {
    const s = await start();
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const authorize = async () => {
      const res = await fetch(
        `${s.url}/identity/connect/authorize?response_type=code&client_id=${DEFAULT_APP.clientId}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&scope=offline_access%20accounting.contacts&state=s&code_challenge=${challenge}&code_challenge_method=S256&sandbox_auto_consent=all`,
        { redirect: "manual" },
      );
      return new URL(res.headers.get("location")!).searchParams.get("code")!;
    };
    const wrong = await tokenCall(s.url, { grant_type: "authorization_code", code: await authorize(), redirect_uri: REDIRECT_URI, code_verifier: "wrong-verifier" });
    expect(wrong).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const right = await tokenCall(s.url, { grant_type: "authorization_code", code: await authorize(), redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(right.status).toBe(200);
    expect(right.body.access_token).toBeTruthy();
  });

  it("rotates refresh tokens, keeps the old one for a 30-minute grace, then answers invalid_grant", async () => {
    const s = await start();
    const xero = xeroFor(s);
    const { tokenSet } = await connect(s, xero);
    const first = tokenSet.refresh_token!;
    const rotated = await xero.refreshWithRefreshToken(DEFAULT_APP.clientId, DEFAULT_APP.clientSecret, first);
    expect(rotated.refresh_token).not.toBe(first);
    // A second worker that still holds the old token, inside the grace, lands on the same successor.
    const again = await xeroFor(s).refreshWithRefreshToken(DEFAULT_APP.clientId, DEFAULT_APP.clientSecret, first);
    expect(again.refresh_token).toBe(rotated.refresh_token);
    s.control.advanceClock(31 * 60);
    const late = await xeroFor(s).refreshWithRefreshToken(DEFAULT_APP.clientId, DEFAULT_APP.clientSecret, first).catch((e) => e);
    expect(late.response?.status).toBe(400);
    expect(late.response?.data).toEqual({ error: "invalid_grant" });
    // The successor itself still works.
    const next = await xeroFor(s).refreshWithRefreshToken(DEFAULT_APP.clientId, DEFAULT_APP.clientSecret, rotated.refresh_token!);
    expect(next.access_token).toBeTruthy();
  });

  it("lets a refresh token unused for 60 days die, and refuses a wrong client secret", async () => {
    const s = await start();
    const xero = xeroFor(s);
    const { tokenSet } = await connect(s, xero);
    const wrongSecret = await tokenCall(s.url, { grant_type: "refresh_token", refresh_token: tokenSet.refresh_token! }, `Basic ${Buffer.from(`${DEFAULT_APP.clientId}:nope`).toString("base64")}`);
    expect(wrongSecret).toMatchObject({ status: 400, body: { error: "invalid_client" } });
    s.control.advanceClock(61 * 86_400);
    const dead = await tokenCall(s.url, { grant_type: "refresh_token", refresh_token: tokenSet.refresh_token! });
    expect(dead).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("revocation ends the consent: refresh fails and the connections are gone", async () => {
    const s = await start();
    const xero = xeroFor(s);
    const { tokenSet } = await connect(s, xero);
    await xero.revokeToken();
    const after = await tokenCall(s.url, { grant_type: "refresh_token", refresh_token: tokenSet.refresh_token! });
    expect(after.body).toEqual({ error: "invalid_grant" });
    expect(s.control.summary().every((o) => o.connectedApps.length === 0)).toBe(true);
  });

  it("answers 401 TokenExpired for an expired access token, and 403 once the tenant is disconnected", async () => {
    const s = await start();
    const xero = xeroFor(s);
    await connect(s, xero);
    const [tenant] = await xero.updateTenants(false);
    await xero.disconnect(tenant.id);
    const gone = await xero.accountingApi.getContacts(tenant.tenantId).catch((e) => JSON.parse(e));
    expect(gone.response.statusCode).toBe(403);
    expect(gone.response.body).toMatchObject({ Title: "Forbidden", Detail: "AuthenticationUnsuccessful" });
    s.control.expireAccessTokens();
    const expired = await xero.accountingApi.getContacts(DEMO_TENANTS.uk).catch((e) => JSON.parse(e));
    expect(expired.response.statusCode).toBe(401);
    expect(expired.response.body.Detail).toMatch(/^TokenExpired: token expired at /);
  });

  it("answers 401 insufficient_scope when the token lacks the resource's scope", async () => {
    const s = await start();
    const xero = xeroFor(s, ["offline_access", "accounting.contacts.read"]);
    await connect(s, xero);
    const ok = await xero.accountingApi.getContacts(DEMO_TENANTS.us);
    expect(ok.body.contacts!.length).toBeGreaterThan(0);
    const refused = await xero.accountingApi.getInvoices(DEMO_TENANTS.us).catch((e) => JSON.parse(e));
    expect(refused.response.statusCode).toBe(401);
    expect(refused.response.headers["www-authenticate"]).toBe('Bearer error="insufficient_scope"');
  });
});
