import { NextResponse, type NextRequest } from "next/server";
import { bodyLimitFor, declaresTooMuch } from "@/lib/http/body-limits";
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
  if (!isPage) {
    // Next buffers a body for the proxy before the route sees it: refuse a declared size over the
    // route's limit here, unread, so no one holds a connection open streaming 100 MB at us.
    const limit = bodyLimitFor(pathname);
    if (declaresTooMuch(request.headers, limit)) {
      const kb = Math.round(limit / 1024);
      return withHeaders(NextResponse.json({ error: { code: "payload_too_large", message: `The request body is larger than ${kb} KB. Send less per request.`, fields: [{ field: "(body)", message: `At most ${kb} KB.` }] } }, { status: 413, headers: { Connection: "close" } }), null);
    }
    return withHeaders(NextResponse.next(), null);
  }
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
  // Xero's webhooks and the job endpoint are called by machines, not browsers, and must read their
  // own (capped) bodies: the proxy would buffer up to 10 MB before their limit could act. They set
  // the security headers themselves (withSecurityHeaders).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/webhooks/|api/inngest).*)" }],
};
