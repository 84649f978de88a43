import type { MemberRole } from "@/db/schema";
import type { OrgContext } from "@/lib/tenancy/org-context";

/**
 * Who changes CRM data: a signed-in member, or an API key (which acts on every record, like an
 * admin, but never manages members or Xero). Every CRM function takes one, so the same rules hold
 * for pages, the tenant API and CSV import.
 */
export interface CrmActor {
  orgId: string;
  /** null for an API key. */
  userId: string | null;
  role: MemberRole | "api";
  canSeeAmounts: boolean;
  /** API keys may be read-only. */
  canWrite: boolean;
  via: "portal" | "api" | "import";
  /** For defaults: payment terms and currency of new records. */
  org: { baseCurrency: string; defaultPaymentTermDays: number };
}

export function actorFromContext(ctx: OrgContext, via: CrmActor["via"] = "portal"): CrmActor {
  return {
    orgId: ctx.org.id,
    userId: ctx.user.id,
    role: ctx.role,
    canSeeAmounts: ctx.canSeeAmounts,
    canWrite: true,
    via,
    org: { baseCurrency: ctx.org.baseCurrency, defaultPaymentTermDays: ctx.org.defaultPaymentTermDays },
  };
}
