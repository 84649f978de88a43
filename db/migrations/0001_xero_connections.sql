CREATE TYPE "public"."xero_connection_status" AS ENUM('connected', 'needs_reauth', 'disconnected');--> statement-breakpoint
CREATE TABLE "xero_auth_requests" (
	"state" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code_verifier_cipher" text NOT NULL,
	"token_key_id" text NOT NULL,
	"pending_token_cipher" text,
	"pending_tenants" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_call_stats" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"rate_limited" integer DEFAULT 0 NOT NULL,
	"bytes_received" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "xero_call_stats_org_id_day_pk" PRIMARY KEY("org_id","day")
);
--> statement-breakpoint
CREATE TABLE "xero_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"xero_tenant_id" text NOT NULL,
	"xero_tenant_name" text NOT NULL,
	"xero_connection_id" text,
	"status" "xero_connection_status" DEFAULT 'connected' NOT NULL,
	"status_reason" text,
	"access_token_cipher" text,
	"refresh_token_cipher" text,
	"token_key_id" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_issued_at" timestamp with time zone,
	"granted_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"auth_event_id" text,
	"connected_by" uuid,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sync_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_request_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"bytes" integer DEFAULT 0 NOT NULL,
	"correlation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "xero_auth_requests" ADD CONSTRAINT "xero_auth_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_auth_requests" ADD CONSTRAINT "xero_auth_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_call_stats" ADD CONSTRAINT "xero_call_stats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD CONSTRAINT "xero_connections_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_connections" ADD CONSTRAINT "xero_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_request_log" ADD CONSTRAINT "xero_request_log_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xero_auth_requests_expires_idx" ON "xero_auth_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "xero_connections_org_idx" ON "xero_connections" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "xero_connections_tenant_idx" ON "xero_connections" USING btree ("xero_tenant_id");--> statement-breakpoint
CREATE INDEX "xero_request_log_org_created_idx" ON "xero_request_log" USING btree ("org_id","created_at");