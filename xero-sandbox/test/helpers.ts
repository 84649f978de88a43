import type { XeroClient } from "xero-node";
import { createXeroNodeClient, sandboxEndpoints } from "@/lib/xero/create-xero-node-client";
import { REQUIRED_XERO_SCOPES } from "@/lib/xero/scopes";
import { DEFAULT_APP, startXeroSandbox, type RunningSandbox, type SandboxOptions } from "../index";

export const REDIRECT_URI = "http://localhost:3999/xero/callback";
/** Everything the app asks for: the sandbox is proven against the app's own scope list. */
export const ALL_SCOPES: string[] = [...REQUIRED_XERO_SCOPES];

export function xeroFor(sandbox: RunningSandbox, scopes = ALL_SCOPES, state = "state-123"): XeroClient {
  return createXeroNodeClient({
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret!,
    redirectUri: REDIRECT_URI,
    scopes,
    state,
    endpoints: sandboxEndpoints(sandbox.url),
    timeoutMs: 5000,
  });
}

/** Follows the consent with sandbox_auto_consent and completes the callback through xero-node. */
export async function connect(sandbox: RunningSandbox, xero: XeroClient, tenants: "all" | string = "all") {
  const consentUrl = await xero.buildConsentUrl();
  const res = await fetch(`${consentUrl}&sandbox_auto_consent=${tenants}`, { redirect: "manual" });
  const location = res.headers.get("location");
  if (!location) throw new Error(`No redirect from consent (status ${res.status})`);
  const tokenSet = await xero.apiCallback(location);
  return { tokenSet, location };
}

/** Scopes beyond the app's own list, for sandbox features the app does not ask for yet. */
export const BALANCE_SHEET_SCOPE = "accounting.reports.balancesheet.read";

export async function startConnected(options: SandboxOptions = {}, scopes = ALL_SCOPES) {
  const sandbox = await startXeroSandbox({ seed: "demo", ...options });
  const xero = xeroFor(sandbox, scopes);
  const { tokenSet } = await connect(sandbox, xero);
  const tenants = await xero.updateTenants(false);
  return { sandbox, xero, tokenSet, tenants };
}

/** xero-node rejects API calls with a JSON string of {response:{statusCode, body, headers}}. */
export function apiError(error: unknown): { status: number; body: unknown; headers: Record<string, string> } {
  const parsed = typeof error === "string" ? JSON.parse(error) : error;
  const response = (parsed as { response: { statusCode: number; body: unknown; headers: Record<string, string> } }).response;
  return { status: response.statusCode, body: response.body, headers: response.headers };
}

/** Awaits a call that must fail and returns Xero's answer; fails the test if the call succeeded. */
export async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return apiError(error);
  }
  throw new Error("Expected the Xero call to fail, but it succeeded");
}
