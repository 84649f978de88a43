import { getEnv } from "@/lib/env";

/**
 * Headers every answer carries, and the Content-Security-Policy of pages. Scripts run only with this
 * request's nonce ('strict-dynamic' lets Next's own chunks load what they need); nothing may frame
 * us; forms post only to us or to Xero's sign-in (the Connect button's redirect). Styles allow
 * inline: Radix positions popovers with style attributes, and a style cannot run code.
 */
export function securityHeaders(): Record<string, string> {
  const env = getEnv();
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (env.mode === "production") headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/**
 * For answers the proxy does not see: requests with a body skip it (it would buffer the body
 * before the route's own limit could refuse it), and so do Xero's webhooks and the job endpoint.
 */
export function withSecurityHeaders(response: Response): Response {
  const headers = Object.entries(securityHeaders());
  try {
    for (const [name, value] of headers) response.headers.set(name, value);
    return response;
  } catch {
    // A redirect's headers are immutable: answer with a copy.
    const copy = new Response(response.body, response);
    for (const [name, value] of headers) copy.headers.set(name, value);
    return copy;
  }
}

export function contentSecurityPolicy(nonce: string): string {
  const env = getEnv();
  const xeroLogin = env.xero.kind === "xero" ? "https://login.xero.com" : new URL(env.xero.url).origin;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${env.isDevServer ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${xeroLogin}`,
    "frame-ancestors 'none'",
    ...(env.mode === "production" ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
