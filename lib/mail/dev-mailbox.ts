import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { devMailbox } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";

/**
 * The dev mailbox as one signed-in person may see it: only mail addressed to them (invitation links
 * are credentials), everything for a platform admin.
 */
export async function listDevMail(db: Db, viewer: Pick<SessionUser, "email" | "isPlatformAdmin">, limit = 50) {
  return db
    .select()
    .from(devMailbox)
    .where(viewer.isPlatformAdmin ? undefined : eq(sql`lower(${devMailbox.to})`, viewer.email.toLowerCase()))
    .orderBy(desc(devMailbox.createdAt))
    .limit(limit);
}
