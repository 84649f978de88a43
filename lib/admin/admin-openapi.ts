import { errorSchema, schemaOf } from "@/lib/api/openapi-document";
import { syncStatusSchema } from "@/lib/sync/status/sync-status-schema";
import { SYNC_TYPE_NAMES } from "@/lib/sync/sync-types";
import { HEALTH_WINDOW_MINUTES } from "@/lib/xero/xero-health";
import { ADMIN_REQUESTS_PER_MINUTE } from "./admin-rate-limit";
import { adminRetryInput } from "./admin-retry";
import { ORGANIZATION_FILTERS } from "./list-organizations";
import { resyncInput } from "@/lib/sync/resync";

const err = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
const errors = {
  "401": err("No token, an unknown or revoked token (WWW-Authenticate: Bearer), or a tenant's API key."),
  "403": err("The token's user is no longer a platform admin, or a signed-in user who is not one."),
  "429": err(`More than ${ADMIN_REQUESTS_PER_MINUTE} requests in a minute with this token; see Retry-After.`),
};
const orgErrors = { ...errors, "404": err("No organisation with that id (a malformed id too).") };
const orgParam = { name: "organization_id", in: "path", required: true, schema: { type: "string", format: "uuid" }, description: "Our organisation's id (the portal's, not Xero's tenant id)." };
const json = (schema: unknown, description = "OK") => ({ description, content: { "application/json": { schema } } });

/** The OpenAPI 3.1 document of the platform admin API (the troubleshooting guide's endpoints and the overview's). */
export function adminOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Ledgerbridge platform admin API",
      version: "1",
      description:
        "For platform admins: every tenant's Xero integration, its failures, and the guide's Retry and Resync. `Authorization: Bearer <admin token>` (Admin -> API tokens, or `npm run admin:token -- --email <admin email>`). Every call is audited. Times are ISO 8601 UTC with `Z`.",
    },
    servers: [{ url: "/api/admin" }],
    components: {
      securitySchemes: { adminToken: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: errorSchema,
        IntegrationStatus: {
          ...syncStatusSchema,
          description: "The guide's fields first, exactly; then organization, xero_tenant_id, xero_tenant_name, connection_reason, refresh_token_expires_at, scopes {granted, required, missing}, calls_today {calls, errors, rate_limited, bytes, daily_limit}.",
        },
      },
    },
    security: [{ adminToken: [] }],
    paths: {
      "/integrations/xero/{organization_id}/status": {
        get: { summary: "One tenant's integration status", parameters: [orgParam], responses: { "200": json({ $ref: "#/components/schemas/IntegrationStatus" }), ...orgErrors } },
      },
      "/integrations/xero/{organization_id}/retry": {
        post: {
          summary: "Retry failed syncs",
          description: `Queues again the named records of that type whose last attempt failed (every failed one when record_ids is left out) and sends them at once. An id this organisation never queued under that type (another organisation's too) is \`unknown\` and untouched. sync_type: ${SYNC_TYPE_NAMES.join(", ")}.`,
          parameters: [orgParam],
          requestBody: { required: true, content: { "application/json": { schema: schemaOf(adminRetryInput) } } },
          responses: {
            "202": json({ type: "object", required: ["queued", "unknown", "not_failed"], properties: { queued: { type: "array", items: { type: "string" } }, unknown: { type: "array", items: { type: "string" } }, not_failed: { type: "array", items: { type: "string" } } } }, "Accepted"),
            "400": err("Invalid body: `fields` names each bad field."),
            ...orgErrors,
          },
        },
      },
      "/integrations/xero/{organization_id}/resync": {
        post: {
          summary: "Force a resync",
          description: "Re-reads each type's Xero lists changed since `since` (If-Modified-Since that instant; everything when left out) and queues our records changed since then to be sent again. Each run's progress shows on the tenant's admin page.",
          parameters: [orgParam],
          requestBody: { required: true, content: { "application/json": { schema: schemaOf(resyncInput) } } },
          responses: {
            "202": json({ type: "object", properties: { runs: { type: "array", items: { type: "object", properties: { sync_type: { type: "string" }, since: { type: ["string", "null"], format: "date-time" }, run_id: { type: "string", format: "uuid" } } } } } }, "Accepted"),
            "400": err("Invalid body: `fields` names each bad field."),
            ...orgErrors,
          },
        },
      },
      "/integrations/xero/{organization_id}/bundle": {
        get: {
          summary: "Escalation bundle for Xero partner support",
          description: "One JSON download: organisation and Xero tenant ids, errors with timestamps, the last 100 Xero requests (method, path, status, duration, Xero's correlation id), scopes and token expiry. No token, secret, email or phone number.",
          parameters: [orgParam],
          responses: { "200": json({ type: "object" }, "The bundle, as an attachment"), ...orgErrors },
        },
      },
      "/organizations": {
        get: {
          summary: "Every tenant, worst first",
          parameters: [
            { name: "status", in: "query", schema: { type: "string", enum: [...ORGANIZATION_FILTERS] }, description: "A health value, or token_expiring: the refresh token dies within a day unless used." },
            { name: "q", in: "query", schema: { type: "string", maxLength: 200 }, description: "Part of the name, slug, Xero organisation name or id." },
          ],
          responses: { "200": json({ type: "object", properties: { organizations: { type: "array", items: { type: "object" } } } }), "400": err("Invalid filter."), ...errors },
        },
      },
      "/xero/health": {
        get: {
          summary: "Xero's health over every tenant's calls",
          description: `Over the last ${HEALTH_WINDOW_MINUTES} minutes of every tenant's Xero calls: \`outage\` when most tenants that called Xero (at least two) saw 5xx or timeouts, \`degraded\` when some did, else \`ok\`. A refused token (401/403) is that tenant's problem and never counts.`,
          responses: {
            "200": json({
              type: "object",
              properties: {
                status: { type: "string", enum: ["ok", "degraded", "outage"] },
                window_minutes: { type: "integer" },
                calls: { type: "integer" },
                server_errors: { type: "integer" },
                timeouts: { type: "integer" },
                rate_limited: { type: "integer" },
                p95_ms: { type: ["integer", "null"] },
                tenants_affected: { type: "integer" },
                tenants_active: { type: "integer" },
                verdict: { type: "string" },
              },
            }),
            ...errors,
          },
        },
      },
    },
  };
}
