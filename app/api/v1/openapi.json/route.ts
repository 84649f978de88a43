import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { getEnv } from "@/lib/env";

export function GET() {
  return Response.json(buildOpenApiDocument(getEnv().appUrl));
}
