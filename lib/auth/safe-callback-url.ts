import { getEnv } from "@/lib/env";

/**
 * Where to go after signing in: only a path on our own origin. The value is resolved with the URL
 * parser against our origin (which also drops the tabs and newlines browsers ignore, the trick
 * behind `/\t/evil.com`) and accepted only when the result is still our origin; what comes back is
 * the normalised path, never the raw input.
 */
export function safeCallbackUrl(value: unknown, fallback = "/", origin = getEnv().appUrl): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//host" or "/\\host" would leave the site when used as a relative redirect.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
