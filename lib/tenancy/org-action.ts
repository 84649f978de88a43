import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb, type Db } from "@/db";
import { getSessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/log/logger";
import { formDataToObject, parseInput } from "@/lib/validation";
import { fieldsRecord, type ActionResult } from "./action-result";
import { loadOrgContext, type OrgContext } from "./org-context";
import { can, type Permission } from "./roles";

export function toActionError(error: unknown): ActionResult<never> {
  unstable_rethrow(error);
  if (error instanceof AppError) {
    const summary = error.code === "validation" && error.fields.length ? `Check the form: ${error.fields.map((f) => f.message).join(" ")}` : error.message;
    return { ok: false, error: summary, fields: error.fields.length ? fieldsRecord(error.fields) : undefined };
  }
  getLogger().error({ err: error }, "server action failed");
  return { ok: false, error: "Something went wrong on our side. Nothing was saved; please try again." };
}

/**
 * The chokepoint for server actions that act inside an organisation. Resolves the user, the
 * organisation from the slug, the membership and the permission, parses the form with zod, and
 * turns every failure into an ActionResult the form can show. Use with useActionState:
 * `useActionState(action.bind(null, orgSlug), null)`.
 */
export function orgAction<S extends z.ZodType, R = undefined>(
  options: { permission?: Permission; schema: S },
  run: (db: Db, ctx: OrgContext, input: z.infer<S>, form: FormData) => Promise<ActionResult<R> | void>,
) {
  return async (orgSlug: string, _previous: unknown, form: FormData): Promise<ActionResult<R>> => {
    try {
      const user = await getSessionUser();
      if (!user) return { ok: false, error: "Your session ended. Sign in again." };
      const db = getDb();
      const ctx = await loadOrgContext(db, user, orgSlug);
      if (!ctx) return { ok: false, error: "That organisation was not found." };
      if (options.permission && !can(ctx.role, options.permission)) {
        return { ok: false, error: "Your role does not allow this. Ask an owner or admin." };
      }
      const input = parseInput(options.schema, formDataToObject(form));
      return (await run(db, ctx, input, form)) ?? { ok: true };
    } catch (error) {
      return toActionError(error);
    }
  };
}
