import { json, type SandboxRequest, type SandboxResponse } from "../http";
import { checkBearer } from "../identity/bearer";
import { requiredScopes } from "../identity/scopes";
import { IdempotencyStore } from "../idempotency";
import type { Sandbox } from "../sandbox";
import { getContacts, writeContacts } from "./contacts";
import { allocateCreditNote, createCreditNotes, getCreditNotes } from "./credit-notes";
import type { ApiContext } from "./context";
import { badRequestMessage, forbidden, internalError, MSG, notFound, permissionDenied, serviceUnavailable, unauthorized } from "./errors";
import { addInvoiceHistory, emailInvoice, getInvoices, invoiceHistory, onlineInvoice, writeInvoices } from "./invoices";
import { getItems, writeItems } from "./items";
import { createCurrency, getCurrencies } from "./currencies";
import { createPayments, deletePayment, getPayments } from "./payments";
import { extraRoute } from "./extra-routes";
import { getQuotes, writeQuotes } from "./quotes";
import { getRepeatingInvoices, writeRepeatingInvoices } from "./repeating-invoices";
import { getAccounts, getOrganisation, getTaxRates } from "./settings";
import { WhereSyntaxError } from "./where";

const WRITE = new Set(["POST", "PUT", "PATCH"]);

export interface ApiAnswer {
  response: SandboxResponse;
  tenantId?: string;
  wrote: boolean;
}

/** /api.xro/2.0/...: auth, tenant, scope, limits, idempotency, then the resource. */
export async function accountingApi(sandbox: Sandbox, req: SandboxRequest): Promise<ApiAnswer> {
  const segments = req.path.replace(/^\/api\.xro\/2\.0\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const resource = (segments[0] ?? "").toLowerCase();

  const bearer = checkBearer(sandbox, req);
  if (!bearer.ok) return { response: unauthorized(bearer.detail), wrote: false };
  const tenantId = String(req.headers["xero-tenant-id"] ?? "");
  const org = tenantId ? sandbox.org(tenantId) : undefined;
  if (!org || !sandbox.identity.isConnected(bearer.grant.clientId, bearer.grant.userId, tenantId)) return { response: forbidden(), tenantId, wrote: false };

  const needed = resource === "reports" ? reportScopes(segments[1]) : requiredScopes(resource, req.method);
  if (needed && !needed.some((s) => bearer.grant.scopes.includes(s))) {
    return { response: unauthorized("AuthorizationUnsuccessful", { "WWW-Authenticate": 'Bearer error="insufficient_scope"' }), tenantId: org.tenantId, wrote: false };
  }
  if (sandbox.faults.outage) return { response: serviceUnavailable("Organisation offline"), tenantId: org.tenantId, wrote: false };

  if (sandbox.faults.force429.count > 0) {
    sandbox.faults.force429.count--;
    const problem = sandbox.faults.force429.problem;
    const headers: Record<string, string> = { "X-Rate-Limit-Problem": problem };
    if (problem !== "concurrent") headers["Retry-After"] = problem === "minute" ? "2" : "60";
    return { response: json(429, { Title: "Too Many Requests", Status: 429 }, headers), tenantId: org.tenantId, wrote: false };
  }
  const admission = sandbox.limiter.admit(bearer.grant.clientId, org.tenantId);
  if (!admission.ok) {
    const headers: Record<string, string> = { ...admission.headers, "X-Rate-Limit-Problem": admission.problem };
    if (admission.retryAfter !== undefined) headers["Retry-After"] = String(admission.retryAfter);
    return { response: json(429, { Title: "Too Many Requests", Status: 429 }, headers), tenantId: org.tenantId, wrote: false };
  }
  try {
    // Latency is served while the call holds its in-flight slot, as a slow Xero would.
    if (sandbox.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, sandbox.faults.latencyMs));
    const key = WRITE.has(req.method) ? String(req.headers["idempotency-key"] ?? "") : "";
    if (key.length > 128) return { response: withHeaders(badRequestMessage("The Idempotency-Key header must be at most 128 characters."), admission.headers), tenantId: org.tenantId, wrote: false };
    const scope = `${bearer.grant.clientId}|${org.tenantId}`;
    const fingerprint = key ? IdempotencyStore.fingerprint(req.method, req.path, req.url.search, req.rawBody) : "";
    if (key) {
      const seen = sandbox.idempotency.lookup(scope, key, fingerprint, sandbox.clock.now());
      if (seen.kind === "replay") return { response: withHeaders(seen.response, admission.headers), tenantId: org.tenantId, wrote: false };
      if (seen.kind === "mismatch") return { response: withHeaders(badRequestMessage(MSG.idempotencyMismatch(key)), admission.headers), tenantId: org.tenantId, wrote: false };
    }
    if (sandbox.faults.failNext.count > 0) {
      sandbox.faults.failNext.count--;
      const res = sandbox.faults.failNext.status === 503 ? serviceUnavailable() : sandbox.faults.failNext.status === 403 ? permissionDenied() : internalError();
      // Xero keeps a key's answer, errors included: a repeat within the window gets this error back.
      if (key) sandbox.idempotency.save(scope, key, fingerprint, res, sandbox.clock.now());
      return { response: withHeaders(res, admission.headers), tenantId: org.tenantId, wrote: false };
    }

    const summarize = [...req.url.searchParams.entries()].find(([k]) => k.toLowerCase() === "summarizeerrors")?.[1];
    const ctx: ApiContext = { sandbox, org, req, grant: bearer.grant, now: sandbox.clock.now(), summarizeErrors: summarize?.toLowerCase() !== "false" };
    let response: SandboxResponse;
    try {
      response = dispatch(ctx, req.method, resource, segments.slice(1));
    } catch (error) {
      if (error instanceof WhereSyntaxError) response = badRequestMessage(error.message);
      else throw error;
    }
    if (key) sandbox.idempotency.save(scope, key, fingerprint, response, sandbox.clock.now());
    return { response: withHeaders(response, admission.headers), tenantId: org.tenantId, wrote: WRITE.has(req.method) };
  } finally {
    admission.release();
  }
}

function withHeaders(res: SandboxResponse, headers: Record<string, string>): SandboxResponse {
  return { ...res, headers: { ...(res.headers ?? {}), ...headers } };
}

function reportScopes(report: string | undefined): string[] {
  const r = (report ?? "").toLowerCase();
  if (r === "profitandloss") return ["accounting.reports.profitandloss.read"];
  if (r === "banksummary") return ["accounting.reports.banksummary.read"];
  if (r === "balancesheet") return ["accounting.reports.balancesheet.read"];
  return ["accounting.reports.executivesummary.read"];
}

function dispatch(ctx: ApiContext, method: string, resource: string, rest: string[]): SandboxResponse {
  const [id, sub] = rest;
  switch (resource) {
    case "contacts":
      if (method === "GET") return getContacts(ctx, id);
      if (method === "PUT" && !id) return writeContacts(ctx, "create");
      if (method === "POST") return writeContacts(ctx, "upsert", id);
      break;
    case "invoices":
      if (method === "GET" && id && sub?.toLowerCase() === "onlineinvoice") return onlineInvoice(ctx, id);
      if (method === "GET" && id && sub?.toLowerCase() === "history") return invoiceHistory(ctx, id);
      if (method === "PUT" && id && sub?.toLowerCase() === "history") return addInvoiceHistory(ctx, id);
      if (method === "GET" && !sub) return getInvoices(ctx, id);
      if (method === "PUT" && !id) return writeInvoices(ctx, "create");
      if (method === "POST" && id && sub?.toLowerCase() === "email") return emailInvoice(ctx, id);
      if (method === "POST" && !sub) return writeInvoices(ctx, "upsert", id);
      break;
    case "creditnotes":
      if (method === "GET" && !sub) return getCreditNotes(ctx, id);
      if (method === "PUT" && !id) return createCreditNotes(ctx);
      if (method === "PUT" && id && sub?.toLowerCase() === "allocations") return allocateCreditNote(ctx, id);
      break;
    case "payments":
      if (method === "GET") return getPayments(ctx, id);
      if ((method === "PUT" || method === "POST") && !id) return createPayments(ctx);
      if (method === "POST" && id) return deletePayment(ctx, id);
      break;
    case "items":
      if (method === "GET") return getItems(ctx, id);
      if (method === "PUT" && !id) return writeItems(ctx, "create");
      if (method === "POST") return writeItems(ctx, "upsert", id);
      break;
    case "quotes":
      if (method === "GET") return getQuotes(ctx, id);
      if (method === "PUT" && !id) return writeQuotes(ctx, "create");
      if (method === "POST") return writeQuotes(ctx, "upsert", id);
      break;
    case "repeatinginvoices":
      if (method === "GET") return getRepeatingInvoices(ctx, id);
      if (method === "PUT" && !id) return writeRepeatingInvoices(ctx, "create");
      if (method === "POST") return writeRepeatingInvoices(ctx, "upsert", id);
      break;
    case "organisation":
      if (method === "GET") return getOrganisation(ctx);
      break;
    case "taxrates":
      if (method === "GET") return getTaxRates(ctx);
      break;
    case "accounts":
      if (method === "GET") return getAccounts(ctx, id);
      break;
    case "currencies":
      if (method === "GET") return getCurrencies(ctx);
      if (method === "PUT" && !id) return createCurrency(ctx);
      break;
    default: {
      const extra = extraRoute(ctx, method, resource, rest);
      if (extra) return extra;
    }
  }
  return notFound();
}
