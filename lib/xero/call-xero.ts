import type { XeroClient } from "xero-node";
import type { Db } from "@/db";
import { recordXeroCall } from "./call-stats";
import { markConnectionBroken } from "./connection-store";
import { getXeroClient, refreshConnection } from "./get-xero-client";
import { admitXeroCall, noteXeroLimits, releaseXeroCall, type XeroCallPurpose } from "./rate-limiter";
import { assertWorkTenant, isStillTenant, XeroOrganisationSwitchedError } from "./tenant-fence";
import { toXeroError, XeroError } from "./xero-error";

export { XeroOrganisationSwitchedError } from "./tenant-fence";

async function assertStillTenant(db: Db, orgId: string, tenantId: string): Promise<void> {
  if (!(await isStillTenant(db, orgId, tenantId))) throw new XeroOrganisationSwitchedError();
}

interface SdkAnswer {
  response?: { status?: number; headers?: unknown; data?: unknown };
  body?: unknown;
}

/**
 * Every product call to Xero goes through here: a ready client, the call, its cost recorded
 * (calls and bytes per organisation and day, and the request log), and failures turned into one
 * XeroError. An expired token is refreshed once and the call retried; a 403 marks the connection
 * disconnected and a refused token marks it for re-authorisation, so a dead connection is never silent.
 * Xero's limits are kept before the call (Postgres-backed, across instances) and learnt from its
 * answer; when a limit is reached it throws a retryable rate_limited XeroError saying how long to
 * wait, for the job to sleep its step. Calls a person asked for (`purpose: "manual"`) draw on their
 * own small share of the day, so they never starve the sync; reads of Xero's changes (`"poll"`)
 * leave a share of each minute and day to sending ours, so polling never holds back an invoice.
 */
export async function callXero<T extends SdkAnswer>(
  db: Db,
  orgId: string,
  { purpose = "sync", ...label }: { method: string; path: string; purpose?: XeroCallPurpose },
  run: (xero: XeroClient, tenantId: string) => Promise<T>,
): Promise<T & { xeroTenantId: string }> {
  for (let attempt = 0; ; attempt++) {
    const { xero, tenantId, connection } = await getXeroClient(db, orgId);
    // Work prepared for other books (the organisation switched since it started) sends nothing.
    assertWorkTenant(tenantId);
    const admission = await admitXeroCall(db, tenantId, undefined, undefined, purpose);
    if (!admission.ok && admission.reason === "manual") {
      const hours = Math.ceil(admission.waitMs / 3_600_000);
      throw new XeroError(429, "rate_limited", [`Today's share of Xero calls for manual tests is used up; the sync is not affected. Try again after midnight UTC (in about ${hours} h).`], false, null, "manual");
    }
    if (!admission.ok) {
      throw new XeroError(429, "rate_limited", [`Waiting for Xero's ${admission.reason} limit (${Math.ceil(admission.waitMs / 1000)} s).`], true, Math.ceil(admission.waitMs / 1000), admission.reason);
    }
    const started = Date.now();
    try {
      const answer = await run(xero, tenantId);
      await assertStillTenant(db, orgId, tenantId);
      const headers = (answer.response?.headers ?? {}) as Record<string, string | undefined>;
      const remaining = (name: string) => (headers[name] === undefined ? null : Number(headers[name]));
      await noteXeroLimits(db, tenantId, { status: answer.response?.status ?? 200, minRemaining: remaining("x-minlimit-remaining"), dayRemaining: remaining("x-daylimit-remaining") });
      const bytes = Number(headers["content-length"]) || Buffer.byteLength(JSON.stringify(answer.response?.data ?? answer.body ?? ""));
      await recordXeroCall(db, orgId, { ...label, status: answer.response?.status ?? 200, durationMs: Date.now() - started, bytes, correlationId: headers["xero-correlation-id"] ?? null });
      // Which books answered: what is written from it goes through writeForXeroTenant with this id.
      return Object.assign(answer, { xeroTenantId: tenantId });
    } catch (error) {
      if (error instanceof XeroOrganisationSwitchedError) throw error;
      const xe = toXeroError(error);
      await recordXeroCall(db, orgId, { ...label, status: xe.status, durationMs: Date.now() - started, bytes: 0, errorCode: xe.code });
      if (xe.code === "rate_limited") await noteXeroLimits(db, tenantId, { status: 429, retryAfterSeconds: xe.retryAfterSeconds, problem: xe.rateLimitProblem });
      // A read that lost its connection (a keep-alive socket the server had closed) is simply asked
      // again: reads change nothing. Writes are never retried here; the outbox knows they may have landed.
      if ((xe.code === "network" || xe.code === "timeout") && label.method === "GET" && attempt < 2) continue;
      if (xe.code === "token_expired" && attempt === 0) {
        // Treat the rejected token as expired; if another worker already replaced it, the
        // locked re-read sees the newer expiry and no second refresh happens.
        const rejectedExpiry = connection.accessTokenExpiresAt?.getTime() ?? 0;
        await refreshConnection(db, orgId, (row) => (row.accessTokenExpiresAt?.getTime() ?? 0) <= rejectedExpiry);
        continue;
      }
      // An old organisation's refusal says nothing about the new connection.
      if (!(await isStillTenant(db, orgId, tenantId))) throw new XeroOrganisationSwitchedError();
      if (xe.code === "forbidden") await markConnectionBroken(db, orgId, "disconnected", xe.message);
      if (xe.code === "unauthorized" || xe.code === "insufficient_scope") await markConnectionBroken(db, orgId, "needs_reauth", xe.message);
      throw xe;
    } finally {
      await releaseXeroCall(db, admission.leaseId);
    }
  }
}
