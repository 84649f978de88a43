import type { Db } from "@/db";
import type { MemberRole } from "@/db/schema";
import { addMember, makeOrg } from "@/test/factories";
import { actorFromContext, type CrmActor } from "./crm-actor";

/** An organisation with one actor per role, for CRM tests. */
export async function makeCrmOrg(db: Db): Promise<Record<MemberRole, CrmActor> & { slug: string; orgId: string }> {
  const owner = await makeOrg(db);
  const other = async (role: MemberRole) => actorFromContext(await addMember(db, owner.org.id, owner.org.slug, role));
  return {
    slug: owner.org.slug,
    orgId: owner.org.id,
    owner: actorFromContext(owner),
    admin: await other("admin"),
    finance: await other("finance"),
    sales: await other("sales"),
  };
}
