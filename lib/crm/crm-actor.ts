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
  via: "portal" | "api" | "import" | "xero" | "reminders";
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

/** The sync acting on what Xero said (an accepted quote wins its deal): allowed what an owner is, named "xero" in the activity. */
export function xeroActor(org: { id: string; baseCurrency: string; defaultPaymentTermDays: number }): CrmActor {
  return { orgId: org.id, userId: null, role: "owner", canSeeAmounts: true, canWrite: true, via: "xero", org: { baseCurrency: org.baseCurrency, defaultPaymentTermDays: org.defaultPaymentTermDays } };
}
