import { timingSafeEqual } from "node:crypto";
import type { SandboxRequest } from "../http";
import type { Sandbox } from "../sandbox";
import type { RegisteredApp } from "../store/identity-state";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The calling app from Basic auth or client_id/client_secret in the form; null when it fails. */
export function authenticateClient(sandbox: Sandbox, req: SandboxRequest): RegisteredApp | null {
  let clientId = req.form.get("client_id") ?? "";
  let secret = req.form.get("client_secret");
  const header = String(req.headers.authorization ?? "");
  if (header.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    clientId = decodeURIComponent(decoded.slice(0, i));
    secret = decodeURIComponent(decoded.slice(i + 1));
  }
  const app = sandbox.identity.apps.get(clientId);
  if (!app) return null;
  if (app.clientSecret === null) return app; // public client: PKCE proves it instead
  return secret && same(secret, app.clientSecret) ? app : null;
}

export function redirectUriAllowed(app: RegisteredApp, uri: string): boolean {
  if (app.redirectUris.includes(uri)) return true;
  if (!app.allowLocalhost) return false;
  try {
    const u = new URL(uri);
    return (u.protocol === "http:" || u.protocol === "https:") && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}
