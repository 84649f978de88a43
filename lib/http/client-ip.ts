import { getEnv } from "@/lib/env";

/**
 * The client's address as the operator's proxy reported it, or null when no proxy header is
 * declared trusted (TRUSTED_PROXY_IP_HEADER). For X-Forwarded-For the last entry is the one the
 * trusted proxy appended; entries before it are whatever the client sent.
 */
export function trustedClientIp(headers: Headers | undefined, headerName = getEnv().trustedProxyIpHeader): string | null {
  if (!headerName || !headers) return null;
  const value = headers.get(headerName);
  if (!value) return null;
  const entries = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = headerName === "x-forwarded-for" ? entries[entries.length - 1] : entries[0];
  return ip && ip.length <= 64 ? ip : null;
}
