import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";

// Signed-out visitors to these go to sign-in first. This only looks for the session cookie; the real
// check (a live server-side session, membership, role) is in the chokepoints.
const SIGNED_IN_AREAS = [/^\/o(\/|$)/, /^\/admin(\/|$)/, /^\/new-organization$/, /^\/account$/, /^\/dev\/mailbox$/];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Every answer gets the security headers; every page also a Content-Security-Policy with a fresh
 * nonce (Next reads it from the request's CSP header and puts it on its own scripts).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPage = !pathname.startsWith("/api/");
  if (isPage && SIGNED_IN_AREAS.some((area) => area.test(pathname)) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return withHeaders(NextResponse.redirect(url), null);
  }
  if (!isPage) return withHeaders(NextResponse.next(), null);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

function withHeaders(response: NextResponse, csp: string | null): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  if (csp) response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Next waits for the whole request body before a proxy's answer goes out, even a refusal, so an
  // API request that declares a body skips the proxy: its route reads at most its limit
  // (lib/http/body-limits.ts) and refuses a declared size over it at once. Xero's webhooks and
  // the job endpoint never pass here. Those answers get the security headers from their
  // handlers (withSecurityHeaders); pages and body-less API requests get them here.
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico|api/).*)" },
    { source: "/api/((?!webhooks/|inngest).*)", missing: [{ type: "header", key: "content-length" }] },
  ],
};
