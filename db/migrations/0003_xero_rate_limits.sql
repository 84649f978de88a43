CREATE TABLE "xero_in_flight" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"xero_tenant_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_rate_limits" (
	"xero_tenant_id" text PRIMARY KEY NOT NULL,
	"minute_window" bigint DEFAULT 0 NOT NULL,
	"minute_count" integer DEFAULT 0 NOT NULL,
	"day_window" integer DEFAULT 0 NOT NULL,
	"day_count" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	"blocked_reason" text
);
--> statement-breakpoint
CREATE INDEX "xero_in_flight_tenant_idx" ON "xero_in_flight" USING btree ("xero_tenant_id");