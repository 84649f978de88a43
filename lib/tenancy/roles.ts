import type { MemberRole, Membership, Organization } from "@/db/schema";
import { forbidden } from "@/lib/errors";

export const ROLES: readonly MemberRole[] = ["owner", "admin", "finance", "sales"];

export const ROLE_LABELS: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Admin",
  finance: "Finance",
  sales: "Sales",
};

export type Permission =
  | "org:manage" // profile, goal, visibility rules
  | "members:manage" // invite, change role, remove
  | "xero:manage" // connect, re-authorise, disconnect, mappings
  | "sync:operate" // retry / resync failed records
  | "finance:view" // finance reports (cash flow, leakage, receivables)
  | "payments:record"; // record a payment on an invoice, into Xero

const GRANTS: Record<MemberRole, readonly Permission[]> = {
  owner: ["org:manage", "members:manage", "xero:manage", "sync:operate", "finance:view", "payments:record"],
  admin: ["org:manage", "members:manage", "xero:manage", "sync:operate", "finance:view", "payments:record"],
  finance: ["sync:operate", "finance:view", "payments:record"],
  sales: [],
};

export function can(role: MemberRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/**
 * Whether a member sees money amounts. Owners, admins and finance always do; sales follow the
 * organisation's rule unless the member has an override.
 */
export function canSeeAmounts(org: Pick<Organization, "salesCanSeeAmounts">, membership: Pick<Membership, "role" | "canSeeAmounts">): boolean {
  if (membership.role !== "sales") return true;
  return membership.canSeeAmounts ?? org.salesCanSeeAmounts;
}

/**
 * For data functions behind restricted pages: they take the caller's context and refuse by
 * themselves, so a page that forgets its own check still cannot leak.
 */
export function assertCan(ctx: { role: MemberRole }, permission: Permission): void {
  if (!can(ctx.role, permission)) throw forbidden("Your role does not allow this. Ask an owner or admin.");
}
