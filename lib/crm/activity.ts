import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { crmActivities, users } from "@/db/schema";
import type { CrmActor } from "./crm-actor";

export async function logActivity(tx: Db, actor: CrmActor, customerId: string, summary: string): Promise<void> {
  await tx.insert(crmActivities).values({ orgId: actor.orgId, customerId, actorId: actor.userId, via: actor.via, summary });
}

export async function listCustomerActivity(db: Db, orgId: string, customerId: string, limit = 30) {
  return db
    .select({ id: crmActivities.id, summary: crmActivities.summary, via: crmActivities.via, createdAt: crmActivities.createdAt, actorName: users.name })
    .from(crmActivities)
    .leftJoin(users, eq(users.id, crmActivities.actorId))
    .where(and(eq(crmActivities.orgId, orgId), eq(crmActivities.customerId, customerId)))
    .orderBy(desc(crmActivities.createdAt))
    .limit(limit);
}
