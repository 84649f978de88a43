import type { XeroClient } from "xero-node";
import { getEnv } from "@/lib/env";
import { createXeroNodeClient, REAL_XERO, sandboxEndpoints, type XeroEndpoints } from "./create-xero-node-client";
import { REQUIRED_XERO_SCOPES } from "./scopes";

/** The Xero this deployment talks to: api.xero.com in production, the sandbox otherwise (lib/env.ts decides). */
export function xeroEndpoints(): XeroEndpoints {
  const { xero } = getEnv();
  return xero.kind === "xero" ? REAL_XERO : sandboxEndpoints(xero.url);
}

export function xeroRedirectUri(): string {
  return `${getEnv().appUrl}/api/xero/callback`;
}

export function xeroAppCredentials(): { clientId: string; clientSecret: string } {
  const { xero } = getEnv();
  return { clientId: xero.clientId, clientSecret: xero.clientSecret };
}

/** A fresh xero-node client for this deployment's Xero and app credentials. */
export function newXeroClient(state?: string): XeroClient {
  return createXeroNodeClient({ ...xeroAppCredentials(), redirectUri: xeroRedirectUri(), scopes: [...REQUIRED_XERO_SCOPES], state, endpoints: xeroEndpoints() });
}
