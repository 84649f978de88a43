import { notFound } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * For pages: a record lookup whose not-found (or a malformed id in the URL) renders the 404 page,
 * the same answer another tenant's id gets.
 */
export async function findOr404<T>(load: () => Promise<T>, id?: string): Promise<T> {
  if (id !== undefined && !z.uuid().safeParse(id).success) notFound();
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
