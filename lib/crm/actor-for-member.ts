import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships, organizations } from "@/db/schema";
import { canSeeAmounts } from "@/lib/tenancy/roles";
import type { CrmActor } from "./crm-actor";

/** The actor a background job acts as: the member who started it, with their role as it is now. */
export async function actorForMember(db: Db, orgId: string, userId: string, via: CrmActor["via"]): Promise<CrmActor | null> {
  const [row] = await db
    .select({ org: organizations, membership: memberships })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!row) return null;
  return {
    orgId,
    userId,
    role: row.membership.role,
    canSeeAmounts: canSeeAmounts(row.org, row.membership),
    canWrite: true,
    via,
    org: { baseCurrency: row.org.baseCurrency, defaultPaymentTermDays: row.org.defaultPaymentTermDays },
  };
}
