import { getDb, type Db } from "@/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-body";
import { withSecurityHeaders } from "@/lib/http/security-headers";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { actorForApiKey } from "./api-keys";
import { admitApiRequest } from "./api-rate-limit";

type Params = Promise<Record<string, string>>;

/**
 * The chokepoint of the tenant API: a Bearer organisation key resolves the organisation and what
 * the key may do; there is no organisation in the URL to trust. Errors are JSON naming the field.
 */
export type ApiHandle = (args: { db: Db; actor: CrmActor; apiKeyId: string; request: Request; params: Record<string, string> }) => Promise<Response>;

/** Called after a successful write (the app passes "push the outbox now"; lib knows no jobs). */
export type AfterWrite = (orgId: string) => Promise<unknown>;

export function apiRoute(handle: ApiHandle, options: { afterWrite?: AfterWrite } = {}) {
  const answer = apiAnswer(handle, options);
  return async (request: Request, context: { params: Params }): Promise<Response> => withSecurityHeaders(await answer(request, context));
}

function apiAnswer(handle: ApiHandle, options: { afterWrite?: AfterWrite }) {
  return async (request: Request, context: { params: Params }): Promise<Response> => {
    try {
      const header = request.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppError("unauthenticated", "Send your organisation API key as `Authorization: Bearer lb_...` (Settings -> API keys).");
      const db = getDb();
      const found = await actorForApiKey(db, match[1]);
      if (!found) throw new AppError("unauthenticated", "This API key is unknown or was revoked. Create a new one in Settings -> API keys.");
      const admission = await admitApiRequest(db, found.apiKeyId);
      if (!admission.allowed) {
        return Response.json(
          { error: { code: "rate_limited", message: `More than ${admission.limit} requests in a minute with this key. Retry after ${admission.retryAfter} seconds.`, fields: [] } },
          { status: 429, headers: { "Retry-After": String(admission.retryAfter), "X-RateLimit-Limit": String(admission.limit), "X-RateLimit-Remaining": "0" } },
        );
      }
      const response = await handle({ db, actor: found.actor, apiKeyId: found.apiKeyId, request, params: await context.params });
      if (options.afterWrite && request.method !== "GET" && response.status < 300) await options.afterWrite(found.actor.orgId);
      response.headers.set("X-RateLimit-Limit", String(admission.limit));
      response.headers.set("X-RateLimit-Remaining", String(admission.remaining));
      return response;
    } catch (error) {
      const response = errorResponse(error);
      if (response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="ledgerbridge"');
      return response;
    }
  };
}

/** The JSON body, refused unread past the size limit (lib/http/read-body.ts). */
export const readJson = (request: Request): Promise<unknown> => readJsonBody(request);
