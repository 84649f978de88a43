import { AsyncLocalStorage } from "node:async_hooks";
import type { createRequire } from "node:module";
import path from "node:path";
import { Issuer } from "openid-client";
import { XeroClient } from "xero-node";

/**
 * Where a Xero lives. Real Xero splits identity and API across hosts and xero-node hard-codes
 * two of them; the sandbox serves everything from one origin.
 */
export interface XeroEndpoints {
  /** Base for /identity/connect/authorize (Xero: https://login.xero.com). */
  login: string;
  /** Base for /connect/token, /connect/revocation and discovery (Xero: https://identity.xero.com). */
  identity: string;
  /** Base for /connections and /api.xro/2.0 (Xero: https://api.xero.com). */
  api: string;
}

export const REAL_XERO: XeroEndpoints = { login: "https://login.xero.com", identity: "https://identity.xero.com", api: "https://api.xero.com" };

export function sandboxEndpoints(url: string): XeroEndpoints {
  return { login: url, identity: url, api: url };
}

export interface XeroNodeClientConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  endpoints: XeroEndpoints;
  /** Milliseconds; the SDK sets none for API calls, so a hung Xero would hang a job forever. */
  timeoutMs?: number;
}

type AxiosLike = {
  interceptors: { request: { use(fn: (config: { url?: string; timeout?: number }) => { url?: string; timeout?: number }): number } };
};

/**
 * xero-node calls the axios copy it loads itself; this finds that exact module from xero-node's
 * own folder, through Node's loader at run time. (A bundler would substitute its own module ids
 * for a require it can see, so the loader is taken from process.getBuiltinModule.)
 */
function loadXeroAxios(): AxiosLike {
  const nodeModule = (process as unknown as { getBuiltinModule(id: string): { createRequire: typeof createRequire } }).getBuiltinModule("node:module");
  const fromApp = nodeModule.createRequire(path.join(process.cwd(), "package.json"));
  return nodeModule.createRequire(fromApp.resolve("xero-node"))("axios") as AxiosLike;
}

interface CallTarget {
  endpoints: XeroEndpoints;
  timeoutMs: number;
}

/** The client whose hard-coded-host call is in progress, so the one interceptor knows where it goes. */
const callingClient = new AsyncLocalStorage<CallTarget>();
let interceptorInstalled = false;

/**
 * xero-node hard-codes https://identity.xero.com/connect/token and https://api.xero.com/connections
 * and sends them through its module-wide axios. One request interceptor on that axios rewrites those
 * hosts to the Xero of the client making the call, carried in AsyncLocalStorage: a process may hold
 * clients for several Xeros at once (tests start a sandbox each, and a job can outlive its test), so
 * a process-wide mapping would send one client's calls to whichever Xero was configured last.
 */
function installHostRouting(): void {
  if (interceptorInstalled) return;
  interceptorInstalled = true;
  loadXeroAxios().interceptors.request.use((config) => {
    const target = callingClient.getStore();
    if (!target) return config;
    config.timeout = target.timeoutMs;
    for (const [from, to] of [
      [REAL_XERO.identity, target.endpoints.identity],
      [REAL_XERO.api, target.endpoints.api],
    ]) {
      if (from !== to && config.url?.startsWith(from)) config.url = to + config.url.slice(from.length);
    }
    return config;
  });
}

/** Runs the client's own axios-based calls (connections, token requests) inside its call target. */
function bindHardCodedHostCalls(client: XeroClient, target: CallTarget): void {
  const calls = client as unknown as Record<"queryApi" | "tokenRequest", (...args: unknown[]) => Promise<unknown>>;
  for (const name of ["queryApi", "tokenRequest"] as const) {
    const original = calls[name].bind(client);
    calls[name] = (...args) => callingClient.run(target, () => original(...args));
  }
}

/** A xero-node client pointed at real Xero or at the sandbox, without ever calling initialize(). */
export function createXeroNodeClient(config: XeroNodeClientConfig): XeroClient {
  const timeoutMs = config.timeoutMs ?? 20_000;
  const client = new XeroClient({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUris: [config.redirectUri],
    scopes: config.scopes,
    state: config.state,
    httpTimeout: timeoutMs,
  });
  installHostRouting();
  bindHardCodedHostCalls(client, { endpoints: config.endpoints, timeoutMs });
  const issuer = new Issuer({
    issuer: config.endpoints === REAL_XERO ? REAL_XERO.identity : config.endpoints.identity,
    authorization_endpoint: `${config.endpoints.login}/identity/connect/authorize`,
    token_endpoint: `${config.endpoints.identity}/connect/token`,
    revocation_endpoint: `${config.endpoints.identity}/connect/revocation`,
    userinfo_endpoint: `${config.endpoints.identity}/connect/userinfo`,
    jwks_uri: `${config.endpoints.identity}/.well-known/openid-configuration/jwks`,
  });
  client.openIdClient = new issuer.Client({ client_id: config.clientId, client_secret: config.clientSecret, redirect_uris: [config.redirectUri] });
  client.accountingApi.basePath = `${config.endpoints.api}/api.xro/2.0`;
  // The SDK sets no timeout on API calls (a hung Xero would hang a job forever); the "default"
  // authentication runs on every accounting request, so it carries this client's own timeout.
  client.accountingApi.setDefaultAuthentication({ applyToRequest: (request: { timeout?: number }) => void (request.timeout = timeoutMs) });
  return client;
}
