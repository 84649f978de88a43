import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { memberships, users } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** An owner of a CRM record must be a member of the same organisation. */
export async function assertMemberOf(db: Db, orgId: string, userId: string, field = "ownerId"): Promise<void> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!row) throw new AppError("validation", `${field}: not a member of this organisation.`, [{ field, message: "Choose a member of this organisation." }]);
}

export async function listOwnerChoices(db: Db, orgId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(users.name);
}
