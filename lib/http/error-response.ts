import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/log/logger";

/** JSON error answer for route handlers: `{ error: { code, message, fields } }`. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message, fields: error.fields } }, { status: error.status });
  }
  getLogger().error({ err: error }, "route failed");
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side. Nothing was saved; please try again.", fields: [] } }, { status: 500 });
}
