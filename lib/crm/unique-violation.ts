import { AppError } from "@/lib/errors";
import { pgErrorOf } from "@/lib/log/safe-error";

/** Postgres 23505, through any of the three drivers (drizzle wraps the driver's error as `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  return pgErrorOf(error)?.code === "23505";
}

/** For `.catch()`: a unique-index clash becomes a validation error on the field that clashed. */
export const onUniqueViolation =
  (field: string, message: string) =>
  (error: unknown): never => {
    if (isUniqueViolation(error)) throw new AppError("conflict", `${field}: ${message}`, [{ field, message }]);
    throw error;
  };
