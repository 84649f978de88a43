import { NextResponse, type NextRequest } from "next/server";

// Signed-out visitors to the portal or the admin pages go to sign-in first. This only looks for
// the session cookie; the real check (valid session, membership, role) is in the chokepoints.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/o/:path*", "/admin/:path*", "/new-organization"] };
