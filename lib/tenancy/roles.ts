import type { MemberRole, Membership, Organization } from "@/db/schema";

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
  | "finance:view"; // finance reports (cash flow, leakage, receivables)

const GRANTS: Record<MemberRole, readonly Permission[]> = {
  owner: ["org:manage", "members:manage", "xero:manage", "sync:operate", "finance:view"],
  admin: ["org:manage", "members:manage", "xero:manage", "sync:operate", "finance:view"],
  finance: ["sync:operate", "finance:view"],
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
