import type { z } from "zod";
import { getDb, type Db } from "@/db";
import { getSessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-body";
import { parseInput } from "@/lib/validation";
import { withSecurityHeaders } from "@/lib/http/security-headers";
import { loadOrgContext, type OrgContext } from "./org-context";
import { can, type Permission } from "./roles";

type RouteParams = { params: Promise<{ org: string } & Record<string, string>> };

/**
 * The chokepoint for route handlers under /api/o/[org]/...: session user, organisation from the
 * URL, membership, permission, optional JSON body parsed with zod. Errors become JSON with the
 * status from AppError's table; a stranger's organisation answers 404.
 */
export function orgRoute<S extends z.ZodType | undefined = undefined>(
  options: { permission?: Permission; body?: S },
  handle: (args: { db: Db; ctx: OrgContext; request: Request; params: Record<string, string>; body: S extends z.ZodType ? z.infer<S> : undefined }) => Promise<Response>,
) {
  return async (request: Request, { params }: RouteParams): Promise<Response> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthenticated", "Sign in first.");
      const db = getDb();
      const routeParams = await params;
      const ctx = await loadOrgContext(db, user, routeParams.org);
      if (!ctx) throw notFound("That organisation");
      if (options.permission && !can(ctx.role, options.permission)) throw forbidden();
      let body: unknown = undefined;
      if (options.body) {
        body = parseInput(options.body, await readJsonBody(request));
      }
      return withSecurityHeaders(await handle({ db, ctx, request, params: routeParams, body: body as never }));
    } catch (error) {
      return withSecurityHeaders(errorResponse(error));
    }
  };
}
