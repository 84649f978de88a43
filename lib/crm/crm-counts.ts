import { count, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, deals } from "@/db/schema";

/** How much CRM an organisation has, for the dashboard's getting-started list. */
export async function crmCounts(db: Db, orgId: string): Promise<{ customers: number; deals: number }> {
  const [[c], [d]] = await Promise.all([
    db.select({ n: count() }).from(customers).where(eq(customers.orgId, orgId)),
    db.select({ n: count() }).from(deals).where(eq(deals.orgId, orgId)),
  ]);
  return { customers: c.n, deals: d.n };
}
