import type { z } from "zod";
import { getDb, type Db } from "@/db";
import { getSessionUser } from "@/lib/auth/session-user";
import type { ActionResult } from "@/lib/tenancy/action-result";
import { toActionError } from "@/lib/tenancy/org-action";
import { formDataToObject, parseInput } from "@/lib/validation";
import { auditAdminAction } from "./admin-audit";
import type { AdminActor, AuditNote } from "./admin-route";

/**
 * The chokepoint for the admin pages' server actions: a signed-in platform admin (anyone else is
 * refused before anything is read), the form parsed with zod, failures turned into an ActionResult
 * the form shows, and one audit row per press. The first bound argument is the tenant acted on (its
 * id), or "" for platform-wide actions: `useActionState(action.bind(null, orgId), null)`.
 */
export function adminAction<S extends z.ZodType, R = undefined>(
  options: { action: string; schema: S },
  run: (db: Db, admin: AdminActor, orgId: string, input: z.infer<S>, audit: AuditNote) => Promise<ActionResult<R> | void>,
) {
  return async (orgId: string, _previous: unknown, form: FormData): Promise<ActionResult<R>> => {
    const user = await getSessionUser();
    if (!user?.isPlatformAdmin) return { ok: false, error: "Only platform admins may do this. Sign in again as one." };
    const db = getDb();
    const admin: AdminActor = { userId: user.id, email: user.email, via: "session", tokenId: null };
    const audit: AuditNote = { orgId: orgId || null };
    let result: ActionResult<R>;
    try {
      result = (await run(db, admin, orgId, parseInput(options.schema, formDataToObject(form)), audit)) ?? { ok: true };
    } catch (error) {
      result = toActionError(error);
    }
    await auditAdminAction(db, { userId: admin.userId, actor: admin.email, via: "session", orgId: audit.orgId, action: options.action, status: result.ok ? 200 : 400, details: { ...audit.details, ...(result.ok ? {} : { error: result.error }) } }).catch(() => undefined);
    return result;
  };
}
