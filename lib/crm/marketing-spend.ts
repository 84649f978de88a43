import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { marketingSpend } from "@/db/schema";
import type { CrmActor } from "./crm-actor";
import { assertCanManageCatalog } from "./record-access";
import type { z } from "zod";
import type { marketingSpendInput } from "./schemas";

/** One figure per lead source and month: saving the same pair again replaces it. */
export async function saveMarketingSpend(db: Db, actor: CrmActor, input: z.infer<typeof marketingSpendInput>): Promise<void> {
  assertCanManageCatalog(actor);
  const values = { orgId: actor.orgId, leadSource: input.leadSource, month: `${input.month}-01`, amount: input.amount.toFixed(2), currency: input.currency ?? actor.org.baseCurrency };
  await db
    .insert(marketingSpend)
    .values(values)
    .onConflictDoUpdate({ target: [marketingSpend.orgId, marketingSpend.leadSource, marketingSpend.month], set: { amount: values.amount, currency: values.currency, updatedAt: sql`now()` } });
}

export async function listMarketingSpend(db: Db, orgId: string) {
  return db.select().from(marketingSpend).where(eq(marketingSpend.orgId, orgId)).orderBy(desc(marketingSpend.month), marketingSpend.leadSource).limit(240);
}
