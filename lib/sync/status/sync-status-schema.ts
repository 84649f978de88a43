import { ERROR_TYPES, SYNC_TYPE_NAMES } from "../sync-types";
import { SYNC_HEALTH, SYNC_HEALTH_RULES } from "./sync-health";

/** The guide's status as an OpenAPI schema, for the tenant and the admin documents alike: the health rule in its own words. */
export const syncStatusSchema = {
  type: "object",
  description: "The troubleshooting guide's status fields, in its order; `phase` follows.",
  required: ["connected", "token_expires_at", "last_sync", "sync_status", "pending_syncs", "failed_syncs", "errors"],
  properties: {
    connected: { type: "boolean" },
    token_expires_at: { type: ["string", "null"], format: "date-time", description: "When the access token expires (ISO 8601 UTC); it is refreshed before that by itself." },
    last_sync: { type: ["string", "null"], format: "date-time", description: "The last successful push or pull, null when none." },
    sync_status: {
      type: "string",
      enum: [...SYNC_HEALTH],
      description: `First match wins: ${SYNC_HEALTH.map((h) => `\`${h}\`: ${SYNC_HEALTH_RULES[h]}`).join(" ")}`,
    },
    pending_syncs: { type: "integer", description: "Records waiting to be sent (or being sent)." },
    failed_syncs: { type: "integer", description: "Records whose last attempt failed; each is in `errors` (the newest 20)." },
    errors: {
      type: "array",
      description: "Newest first, at most 20. A problem of the connection itself is type `connection`, dated since when it holds; a failed record's carries its `record_id` and `sync_type` (what the admin API's retry takes).",
      items: {
        type: "object",
        required: ["type", "message", "timestamp"],
        properties: {
          type: { type: "string", enum: [...ERROR_TYPES] },
          message: { type: "string" },
          timestamp: { type: "string", format: "date-time" },
          record_id: { type: "string", format: "uuid" },
          sync_type: { type: "string", enum: [...SYNC_TYPE_NAMES] },
        },
      },
    },
    phase: { type: ["string", "null"], enum: ["importing", "waiting_for_first_import", null], description: "Where the first import is: nothing is sent to Xero until Xero's contacts are all in." },
  },
} as const;
