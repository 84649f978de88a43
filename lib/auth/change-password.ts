import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { hashPassword, passwordSchema, verifyPassword } from "./password";
import { revokeUserSessions } from "./sessions";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(200),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ. Type the same one twice." });

/**
 * A new password ends every other session of the user (a stolen cookie dies with the old password);
 * the session that made the change stays signed in.
 */
export async function changePassword(db: Db, userId: string, currentSessionId: string | null, raw: unknown): Promise<{ endedSessions: number }> {
  const input = parseInput(changePasswordSchema, raw);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("validation", "currentPassword: that is not your current password.", [{ field: "currentPassword", message: "That is not your current password." }]);
  }
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(users.id, userId));
    return { endedSessions: await revokeUserSessions(tx, userId, { except: currentSessionId ?? undefined }) };
  });
}
