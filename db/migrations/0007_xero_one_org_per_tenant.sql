ALTER TABLE "xero_connections" ADD COLUMN "xero_user_id" text;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD COLUMN "last_test_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD COLUMN "last_test_ok" boolean;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD COLUMN "last_test_message" text;--> statement-breakpoint
ALTER TABLE "xero_rate_limits" ADD COLUMN "manual_day_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Before the rule holds: where several organisations share one Xero organisation, one keeps it: a
-- connected one before one waiting for re-authorisation, then the one in use longest (its first
-- sync_log entry; connected_at is rewritten by every re-authorise, so it says nothing), then by id.
-- The others are disconnected (tokens forgotten, never used at Xero) with a reason they can act on,
-- and their owners are told (the notification the app sends when Xero is disconnected).
WITH "first_use" AS (
  SELECT "org_id", min("at") AS "at" FROM "sync_log" GROUP BY "org_id"
), "keep" AS (
  SELECT DISTINCT ON (c."xero_tenant_id") c."id" FROM "xero_connections" c LEFT JOIN "first_use" u ON u."org_id" = c."org_id"
  WHERE c."status" <> 'disconnected'
  ORDER BY c."xero_tenant_id", (c."status" = 'connected') DESC, u."at" ASC NULLS LAST, c."id"
), "dropped" AS (
  UPDATE "xero_connections" SET "status" = 'disconnected', "disconnected_by_user" = false,
    "status_reason" = 'This Xero organisation is already connected to another Ledgerbridge organisation. Connect a different Xero organisation, or ask whoever connected it to disconnect it there first.',
    "access_token_cipher" = NULL, "refresh_token_cipher" = NULL, "access_token_expires_at" = NULL, "updated_at" = now()
  WHERE "status" <> 'disconnected' AND "id" NOT IN (SELECT "id" FROM "keep")
  RETURNING "org_id"
)
INSERT INTO "notifications" ("user_id", "org_id", "kind", "title", "body", "link")
SELECT m."user_id", d."org_id", 'xero.disconnected', 'Xero was disconnected',
  'Another Ledgerbridge organisation was already using this Xero organisation, and one Xero organisation now belongs to one Ledgerbridge organisation, so syncing here has stopped. Connect a different Xero organisation in Settings -> Integrations, or ask whoever connected it to disconnect it there first.',
  '/o/' || o."slug" || '/settings/integrations'
FROM "dropped" d JOIN "memberships" m ON m."org_id" = d."org_id" AND m."role" = 'owner' JOIN "organizations" o ON o."id" = d."org_id";--> statement-breakpoint
CREATE UNIQUE INDEX "xero_connections_active_tenant_idx" ON "xero_connections" USING btree ("xero_tenant_id") WHERE "xero_connections"."status" <> 'disconnected';--> statement-breakpoint
CREATE INDEX "xero_connections_user_idx" ON "xero_connections" USING btree ("xero_user_id");