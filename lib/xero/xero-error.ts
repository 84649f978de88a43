/**
 * One error for every way xero-node fails. API methods reject with a JSON string of
 * {response:{statusCode, body, headers}}; refreshWithRefreshToken/updateTenants/disconnect reject
 * with an AxiosError; refreshToken/apiCallback/revokeToken throw openid-client errors. Nothing else
 * in the product looks at those shapes.
 */
export type XeroErrorCode =
  | "invalid_grant" // refresh token dead: re-authorise
  | "invalid_client"
  | "token_expired"
  | "unauthorized"
  | "insufficient_scope"
  | "forbidden" // wrong tenant, or the app was disconnected inside Xero
  | "permission_denied" // the connection works; the Xero user behind it lacks a role for this call
  | "not_found"
  | "validation"
  | "rate_limited"
  | "unavailable"
  | "timeout"
  | "network"
  | "unknown";

export class XeroError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: XeroErrorCode,
    public readonly messages: string[],
    public readonly retryable: boolean,
    public readonly retryAfterSeconds: number | null = null,
    public readonly rateLimitProblem: string | null = null,
  ) {
    super(messages[0] ?? code);
    this.name = "XeroError";
  }
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key ? headers[key] : undefined;
  return Array.isArray(v) ? v[0] : v;
}

/** Validation messages from a 400 ValidationException (every element's, de-duplicated). */
function validationMessages(body: unknown): string[] {
  if (!body || typeof body !== "object") return [];
  const b = body as { Message?: string; Elements?: { ValidationErrors?: { Message?: string }[] }[] };
  const fromElements = (b.Elements ?? []).flatMap((e) => (e.ValidationErrors ?? []).map((v) => v.Message ?? "")).filter(Boolean);
  const all = fromElements.length ? fromElements : b.Message ? [b.Message] : [];
  return [...new Set(all)];
}

export function fromHttp(status: number, body: unknown, headers?: Headers): XeroError {
  const text = typeof body === "string" ? body : "";
  const detail = body && typeof body === "object" ? String((body as { Detail?: string; error?: string }).Detail ?? (body as { error?: string }).error ?? "") : "";
  if (status === 400 && (body as { error?: string })?.error === "invalid_grant") return new XeroError(400, "invalid_grant", ["The Xero connection needs to be re-authorised (refresh token expired or revoked)."], false);
  if (status === 400 && (body as { error?: string })?.error === "invalid_client") return new XeroError(400, "invalid_client", ["Xero rejected the app's client id or secret."], false);
  if (status === 400) return new XeroError(400, "validation", validationMessages(body).length ? validationMessages(body) : [text || "Xero refused the request as invalid."], false);
  if (status === 401) {
    if ((header(headers, "www-authenticate") ?? "").includes("insufficient_scope")) return new XeroError(401, "insufficient_scope", ["The Xero connection lacks a permission (scope) this needs: re-authorise to grant it."], false);
    if (detail.startsWith("TokenExpired")) return new XeroError(401, "token_expired", [detail], true);
    return new XeroError(401, "unauthorized", [detail || "Xero did not accept the access token."], false);
  }
  if (status === 403 && detail === "AuthorizationUnsuccessful") {
    return new XeroError(403, "permission_denied", ["The Xero user who connected Ledgerbridge lacks a permission in Xero for this (reports need the Reports role, for example): ask the organisation's Xero adviser to grant it, or re-authorise as a user who has it."], false);
  }
  if (status === 403) return new XeroError(403, "forbidden", ["Xero refused access to this organisation: the app was disconnected in Xero, or the organisation is not connected."], false);
  if (status === 404) return new XeroError(404, "not_found", [text || "The record was not found in Xero."], false);
  if (status === 429) {
    const retry = Number(header(headers, "retry-after"));
    const problem = header(headers, "x-rate-limit-problem") ?? null;
    return new XeroError(429, "rate_limited", [`Xero's ${problem ?? "rate"} limit was reached.`], problem !== "day", Number.isFinite(retry) ? retry : null, problem);
  }
  if (status >= 500) return new XeroError(status, "unavailable", [text || detail || `Xero answered ${status}; it is usually temporary.`], true);
  return new XeroError(status, "unknown", [text || detail || `Xero answered ${status}.`], false);
}

export function toXeroError(error: unknown): XeroError {
  if (error instanceof XeroError) return error;
  // 1. API methods: a JSON string.
  if (typeof error === "string") {
    try {
      const parsed = JSON.parse(error) as { response?: { statusCode?: number; body?: unknown; headers?: Headers } };
      if (parsed.response?.statusCode) return fromHttp(parsed.response.statusCode, parsed.response.body, parsed.response.headers);
      // Status 0: no answer at all (xero-node wraps "socket hang up", resets and timeouts this way).
      if (parsed.response && parsed.response.statusCode === 0) {
        const text = typeof parsed.response.body === "string" ? parsed.response.body : "";
        return /timeout|timed out/i.test(text) ? new XeroError(0, "timeout", ["Xero did not answer in time."], true) : new XeroError(0, "network", [`The connection to Xero broke before it answered${text ? ` (${text})` : ""}.`], true);
      }
    } catch {
      return new XeroError(0, "unknown", [error], false);
    }
  }
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    error?: string;
    error_description?: string;
    response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown; headers?: Headers };
  };
  // 2. AxiosError (and xero-node's redacted copy of it).
  const status = e?.response?.status ?? e?.response?.statusCode;
  if (status) return fromHttp(status, e.response?.data ?? e.response?.body, e.response?.headers);
  // 3. openid-client: OPError carries the OAuth error code.
  if (e?.error === "invalid_grant") return new XeroError(400, "invalid_grant", ["The Xero connection needs to be re-authorised (refresh token expired or revoked)."], false);
  if (e?.error) return new XeroError(400, e.error === "invalid_client" ? "invalid_client" : "unknown", [e.error_description ?? e.error], false);
  // A socket error is Xero's only when it came from the HTTP client that called Xero: our database
  // driver fails with the same codes, and calling that "Xero unavailable" sends people to the wrong place.
  const fromHttpClient = Boolean((e as { isAxiosError?: boolean })?.isAxiosError || (e as { config?: unknown })?.config || e?.name === "AxiosError");
  if (e?.name === "TimeoutError" || (fromHttpClient && (e?.code === "ECONNABORTED" || e?.code === "ETIMEDOUT"))) return new XeroError(0, "timeout", ["Xero did not answer in time."], true);
  if (fromHttpClient && (e?.code === "ECONNREFUSED" || e?.code === "ECONNRESET" || e?.code === "ENOTFOUND" || e?.code === "ERR_NETWORK" || e?.code === "EPIPE")) {
    return new XeroError(0, "network", [`Could not reach Xero (${e.code}).`], true);
  }
  return new XeroError(0, "unknown", [e?.message ?? String(error)], false);
}
