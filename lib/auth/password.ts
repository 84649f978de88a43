import bcrypt from "bcryptjs";
import { z } from "zod";
import { getEnv } from "@/lib/env";

// Cost 11 is ~150 ms a hash in pure JS: slow enough against guessing. Tests create hundreds of
// users, so the test mode uses the minimum; the algorithm and the code path stay the same.
const BCRYPT_COST = getEnv().mode === "test" ? 4 : 11;

/** Rules a person can act on: each message says what to add, not just "invalid". */
export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => /[A-Za-z]/.test(p), "Add at least one letter.")
  .refine((p) => /[0-9]/.test(p), "Add at least one digit.")
  .refine((p) => new Set(p).size >= 4, "Use at least 4 different characters.");

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so an unknown email costs as long as a known one.
const DECOY_HASH = bcrypt.hashSync("decoy-password-0", BCRYPT_COST);

export function burnPasswordCheck(password: string): Promise<boolean> {
  return bcrypt.compare(password, DECOY_HASH);
}
