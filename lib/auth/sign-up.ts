import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users, type Organization, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createOrganization } from "@/lib/tenancy/create-organization";
import { emailSchema, organizationNameSchema } from "@/lib/tenancy/schemas";
import { parseInput } from "@/lib/validation";
import { hashPassword, passwordSchema } from "./password";

export const nameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(80, "Use at most 80 characters for your name.");

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  organizationName: organizationNameSchema,
});

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return user;
}

export async function createUser(db: Db, input: { name: string; email: string; password: string; isPlatformAdmin?: boolean }): Promise<User> {
  if (await findUserByEmail(db, input.email)) {
    throw new AppError("conflict", "An account with this email already exists.", [
      { field: "email", message: "An account with this email already exists. Sign in instead." },
    ]);
  }
  const [user] = await db
    .insert(users)
    .values({
      name: input.name,
      email: input.email.trim().toLowerCase(),
      passwordHash: await hashPassword(input.password),
      isPlatformAdmin: input.isPlatformAdmin ?? false,
    })
    .returning();
  return user;
}

/** Sign-up: a user and the organisation they own, both or neither. */
export async function signUp(db: Db, raw: unknown): Promise<{ user: User; org: Organization }> {
  const input = parseInput(signUpSchema, raw);
  return db.transaction(async (tx) => {
    const user = await createUser(tx, input);
    const org = await createOrganization(tx, { name: input.organizationName, ownerId: user.id });
    return { user, org };
  });
}
