CREATE TYPE "public"."quote_draft_status" AS ENUM('DRAFT', 'SENT');--> statement-breakpoint
ALTER TYPE "public"."sync_entity" ADD VALUE 'quote';--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"customer_id" uuid,
	"requested_status" "quote_draft_status" NOT NULL,
	"xero_quote_id" text,
	"number" text,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"currency" text NOT NULL,
	"sub_total" numeric(14, 2),
	"total" numeric(14, 2),
	"line_amount_types" text,
	"lines" jsonb,
	"expiry_date" date,
	"accepted_at" timestamp with time zone,
	"xero_updated_at" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD COLUMN "quote_status" "quote_draft_status" DEFAULT 'SENT' NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quotes_deal_idx" ON "quotes" USING btree ("org_id","deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_xero_idx" ON "quotes" USING btree ("org_id","xero_quote_id");