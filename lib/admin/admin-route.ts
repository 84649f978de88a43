import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { organizations, type Organization } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { getLogger } from "@/lib/log/logger";
import { withSecurityHeaders } from "@/lib/http/security-headers";
import { auditAdminAction } from "./admin-audit";
import { admitAdminRequest } from "./admin-rate-limit";
import { admitAdminToken, type TokenAdmission } from "./admin-tokens";

type Params = Promise<Record<string, string>>;

/** The platform admin behind a request: by an admin token or by a signed-in platform admin's session. */
export interface AdminActor {
  userId: string;
  email: string;
  via: "token" | "session";
  tokenId: string | null;
}

/** What the handler tells the audit: the tenant it acted on and a few facts (never a secret). */
export interface AuditNote {
  orgId?: string | null;
  details?: Record<string, unknown>;
}

export type AdminHandle = (args: { db: Db; admin: AdminActor; request: Request; params: Record<string, string>; audit: AuditNote }) => Promise<Response>;

/** The session's user, when the app has one to give (route handlers pass next-auth's; tests pass their own). */
export type SessionLookup = () => Promise<{ id: string; email: string; isPlatformAdmin: boolean } | null>;

const UNAUTHENTICATED = "Send a platform admin token as `Authorization: Bearer lba_...` (Admin -> API tokens, or `npm run admin:token -- --email <admin email>`).";

/**
 * The chokepoint of the admin API: who is calling (an admin token, else a platform admin's session),
 * the per-caller rate limit, errors as `{ error: { code, message, fields } }`, and one audit row per
 * call naming who, what, which tenant and the answer. A tenant's API key or a member's session is
 * refused before anything is read.
 */
export function adminRoute(action: string, handle: AdminHandle, options: { session?: SessionLookup } = {}) {
  return async (request: Request, context: { params: Params }): Promise<Response> => {
    const db = getDb();
    let admin: AdminActor | null = null;
    const audit: AuditNote = {};
    let response: Response;
    try {
      const identified = await identify(db, request, options.session);
      admin = identified.who;
      // A token's request was counted as it was looked up; a session's is counted here.
      const admission = identified.admission ?? (await admitAdminRequest(db, `user:${admin.userId}`));
      if (!admission.allowed) {
        response = Response.json(
          { error: { code: "rate_limited", message: `More than ${admission.limit} admin requests in a minute. Retry after ${admission.retryAfter} seconds.`, fields: [] } },
          { status: 429, headers: { "Retry-After": String(admission.retryAfter) } },
        );
      } else {
        response = await handle({ db, admin, request, params: await context.params, audit });
      }
    } catch (error) {
      response = errorResponse(error);
      if (response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="ledgerbridge-admin"');
      if (error instanceof RefusedCaller && error.who) admin = error.who;
    }
    // Every call, refused ones too: a caller we could not name is "(no admin)", with how it came.
    const anonymous = request.headers.get("authorization") === null ? "(no token or admin session)" : "(unknown token)";
    await auditAdminAction(db, {
      userId: admin?.userId ?? null,
      actor: admin?.email ?? anonymous,
      via: admin?.via ?? (request.headers.get("authorization") === null ? "session" : "token"),
      tokenId: admin?.tokenId ?? null,
      orgId: audit.orgId ?? null,
      action,
      status: response.status,
      details: audit.details,
    }).catch((error: unknown) => getLogger().error({ err: error, action }, "admin audit not written"));
    response.headers.set("Cache-Control", "no-store");
    return withSecurityHeaders(response);
  };
}

/** A refusal of a caller we know (a revoked token, a former admin): still audited under their name. */
class RefusedCaller extends AppError {
  constructor(
    code: "unauthenticated" | "forbidden",
    message: string,
    public readonly who: AdminActor | null,
  ) {
    super(code, message);
  }
}

async function identify(db: Db, request: Request, session?: SessionLookup): Promise<{ who: AdminActor; admission: TokenAdmission["admission"] }> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new RefusedCaller("unauthenticated", UNAUTHENTICATED, null);
    const { holder, admission } = await admitAdminToken(db, match[1]);
    if (holder.kind === "unknown") throw new RefusedCaller("unauthenticated", `This admin token is unknown. ${UNAUTHENTICATED}`, null);
    const who: AdminActor = { userId: holder.userId, email: holder.email, via: "token", tokenId: holder.tokenId };
    if (holder.kind === "revoked") throw new RefusedCaller("unauthenticated", "This admin token was revoked. Make a new one (Admin -> API tokens).", who);
    if (holder.kind === "not_admin") throw new RefusedCaller("forbidden", "This token's user is no longer a platform admin.", who);
    return { who, admission };
  }
  const user = session ? await session().catch(() => null) : null;
  if (!user) throw new RefusedCaller("unauthenticated", UNAUTHENTICATED, null);
  const who: AdminActor = { userId: user.id, email: user.email, via: "session", tokenId: null };
  if (!user.isPlatformAdmin) throw new RefusedCaller("forbidden", "Only platform admins may use the admin API.", who);
  if (request.method !== "GET" && request.method !== "HEAD") assertSameSiteJson(request, who);
  return { who, admission: null };
}

/**
 * A cookie rides along with any request the browser sends, so a write made with a session must come
 * from our own pages' scripts: our origin, and a JSON body (which a plain HTML form cannot send).
 * Tokens are not sent by browsers on their own and need neither.
 */
function assertSameSiteJson(request: Request, who: AdminActor) {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if ((origin !== null && origin !== new URL(getEnv().appUrl).origin) || (site !== null && site !== "same-origin")) {
    throw new RefusedCaller("forbidden", "Admin writes with a session must come from this site's own pages. Scripts use an admin token.", who);
  }
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("validation", "Send the body as JSON with Content-Type: application/json.", [{ field: "(body)", message: "Content-Type must be application/json." }]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An organisation id from an admin URL, or 404 when it cannot be one (no query is sent with a bad uuid). */
export function organisationIdOf(id: string | undefined): string {
  if (!id || !UUID.test(id)) throw notFound("That organisation");
  return id.toLowerCase();
}

/** The organisation an admin URL names: a malformed or unknown id is 404 alike. */
export async function organisationOf(db: Db, id: string | undefined): Promise<Organization> {
  organisationIdOf(id);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id!));
  if (!org) throw notFound("That organisation");
  return org;
}
