ALTER TABLE "xero_connections" ADD COLUMN "xero_user_id" text;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD COLUMN "last_test_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD COLUMN "last_test_ok" boolean;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD COLUMN "last_test_message" text;--> statement-breakpoint
ALTER TABLE "xero_rate_limits" ADD COLUMN "manual_day_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Before the rule holds: where several organisations share one Xero organisation, the first to connect
-- keeps it; the others are disconnected (tokens forgotten, never used at Xero) with a reason they can act on.
UPDATE "xero_connections" SET "status" = 'disconnected', "disconnected_by_user" = false,
  "status_reason" = 'This Xero organisation is already connected to another Ledgerbridge organisation. Connect a different Xero organisation, or ask its owner to disconnect it there first.',
  "access_token_cipher" = NULL, "refresh_token_cipher" = NULL, "access_token_expires_at" = NULL, "updated_at" = now()
WHERE "status" <> 'disconnected' AND "id" NOT IN (
  SELECT DISTINCT ON ("xero_tenant_id") "id" FROM "xero_connections" WHERE "status" <> 'disconnected' ORDER BY "xero_tenant_id", "connected_at", "id"
);--> statement-breakpoint
CREATE UNIQUE INDEX "xero_connections_active_tenant_idx" ON "xero_connections" USING btree ("xero_tenant_id") WHERE "xero_connections"."status" <> 'disconnected';--> statement-breakpoint
CREATE INDEX "xero_connections_user_idx" ON "xero_connections" USING btree ("xero_user_id");