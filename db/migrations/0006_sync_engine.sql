CREATE TYPE "public"."sync_review_status" AS ENUM('open', 'linked', 'created', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."sync_log_result" AS ENUM('ok', 'failed', 'skipped', 'conflict');--> statement-breakpoint
CREATE TYPE "public"."invoice_draft_status" AS ENUM('DRAFT', 'AUTHORISED');--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"org_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"last_updated_at" timestamp with time zone,
	"last_pull_at" timestamp with time zone,
	"last_full_pull_at" timestamp with time zone,
	"initial_done_at" timestamp with time zone,
	"running_since" timestamp with time zone,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer,
	"last_error" text,
	CONSTRAINT "sync_cursors_org_id_resource_pk" PRIMARY KEY("org_id","resource")
);
--> statement-breakpoint
CREATE TABLE "sync_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid,
	"xero_id" text,
	"direction" "sync_direction" NOT NULL,
	"operation" text NOT NULL,
	"result" "sync_log_result" NOT NULL,
	"message" text,
	"correlation_id" text,
	"trigger" text NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "sync_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"xero_contact_id" text,
	"customer_id" uuid,
	"candidate_kind" text DEFAULT 'contact' NOT NULL,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" "sync_review_status" DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_key" text NOT NULL,
	"xero_tenant_id" text NOT NULL,
	"org_id" uuid,
	"category" text NOT NULL,
	"event_type" text NOT NULL,
	"resource_id" text NOT NULL,
	"event_date" timestamp with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "xero_accounts" (
	"org_id" uuid NOT NULL,
	"xero_account_id" text NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"class" text,
	"status" text NOT NULL,
	"tax_type" text,
	"enable_payments" boolean DEFAULT false NOT NULL,
	"currency" text,
	CONSTRAINT "xero_accounts_org_id_xero_account_id_pk" PRIMARY KEY("org_id","xero_account_id")
);
--> statement-breakpoint
CREATE TABLE "xero_contacts" (
	"org_id" uuid NOT NULL,
	"xero_contact_id" text NOT NULL,
	"customer_id" uuid,
	"contact_number" text,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"is_customer" boolean DEFAULT false NOT NULL,
	"is_supplier" boolean DEFAULT false NOT NULL,
	"values" jsonb NOT NULL,
	"synced_values" jsonb,
	"xero_updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xero_contacts_org_id_xero_contact_id_pk" PRIMARY KEY("org_id","xero_contact_id")
);
--> statement-breakpoint
CREATE TABLE "xero_credit_notes" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"xero_credit_note_id" text NOT NULL,
	"number" text,
	"reference" text,
	"xero_contact_id" text NOT NULL,
	"customer_id" uuid,
	"status" text NOT NULL,
	"date" date NOT NULL,
	"currency" text NOT NULL,
	"currency_rate" numeric(18, 10) DEFAULT '1' NOT NULL,
	"sub_total" numeric(14, 2) NOT NULL,
	"total_tax" numeric(14, 2) NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"remaining_credit" numeric(14, 2) NOT NULL,
	"allocations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"xero_updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xero_credit_notes_org_id_xero_credit_note_id_pk" PRIMARY KEY("org_id","xero_credit_note_id"),
	CONSTRAINT "xero_credit_notes_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "xero_currencies" (
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"description" text,
	CONSTRAINT "xero_currencies_org_id_code_pk" PRIMARY KEY("org_id","code")
);
--> statement-breakpoint
CREATE TABLE "xero_invoice_lines" (
	"org_id" uuid NOT NULL,
	"xero_invoice_id" text NOT NULL,
	"line_item_id" text NOT NULL,
	"position" integer NOT NULL,
	"description" text,
	"quantity" numeric(14, 4) NOT NULL,
	"unit_amount" numeric(14, 4) NOT NULL,
	"item_code" text,
	"account_code" text,
	"tax_type" text,
	"tax_amount" numeric(14, 2) NOT NULL,
	"line_amount" numeric(14, 2) NOT NULL,
	"discount_rate" numeric(5, 2),
	CONSTRAINT "xero_invoice_lines_org_id_xero_invoice_id_line_item_id_pk" PRIMARY KEY("org_id","xero_invoice_id","line_item_id")
);
--> statement-breakpoint
CREATE TABLE "xero_invoices" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"xero_invoice_id" text NOT NULL,
	"type" text NOT NULL,
	"number" text,
	"reference" text,
	"xero_contact_id" text NOT NULL,
	"customer_id" uuid,
	"deal_id" uuid,
	"repeating_invoice_id" text,
	"status" text NOT NULL,
	"sent_to_contact" boolean DEFAULT false NOT NULL,
	"line_amount_types" text NOT NULL,
	"currency" text NOT NULL,
	"currency_rate" numeric(18, 10) DEFAULT '1' NOT NULL,
	"sub_total" numeric(14, 2) NOT NULL,
	"total_tax" numeric(14, 2) NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"amount_due" numeric(14, 2) NOT NULL,
	"amount_paid" numeric(14, 2) NOT NULL,
	"amount_credited" numeric(14, 2) NOT NULL,
	"date" date NOT NULL,
	"due_date" date,
	"fully_paid_on" date,
	"xero_updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xero_invoices_org_id_xero_invoice_id_pk" PRIMARY KEY("org_id","xero_invoice_id"),
	CONSTRAINT "xero_invoices_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "xero_items" (
	"org_id" uuid NOT NULL,
	"xero_item_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"product_id" uuid,
	"is_sold" boolean DEFAULT true NOT NULL,
	"is_tracked_as_inventory" boolean DEFAULT false NOT NULL,
	"quantity_on_hand" numeric(14, 4),
	"sales_unit_price" numeric(14, 4),
	"sales_account_code" text,
	"sales_tax_type" text,
	"xero_updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xero_items_org_id_xero_item_id_pk" PRIMARY KEY("org_id","xero_item_id")
);
--> statement-breakpoint
CREATE TABLE "xero_organisation_profiles" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_currency" text NOT NULL,
	"country_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_payments" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"xero_payment_id" text NOT NULL,
	"xero_invoice_id" text NOT NULL,
	"xero_account_id" text,
	"payment_type" text NOT NULL,
	"status" text NOT NULL,
	"date" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"currency_rate" numeric(18, 10) DEFAULT '1' NOT NULL,
	"reference" text,
	"is_reconciled" boolean DEFAULT false NOT NULL,
	"xero_updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xero_payments_org_id_xero_payment_id_pk" PRIMARY KEY("org_id","xero_payment_id"),
	CONSTRAINT "xero_payments_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "xero_tax_rates" (
	"org_id" uuid NOT NULL,
	"tax_type" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"effective_rate" numeric(9, 4) NOT NULL,
	"can_apply_to_revenue" boolean NOT NULL,
	CONSTRAINT "xero_tax_rates_org_id_tax_type_pk" PRIMARY KEY("org_id","tax_type")
);
--> statement-breakpoint
CREATE TABLE "invoice_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"invoice_on_win" boolean DEFAULT true NOT NULL,
	"trigger_stage_id" uuid,
	"status" "invoice_draft_status" DEFAULT 'DRAFT' NOT NULL,
	"send_to_customer" boolean DEFAULT false NOT NULL,
	"default_sales_account_code" text,
	"default_tax_type" text,
	"tax_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payment_term_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "uncertain" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "requested_by" text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "last_xero_message" text;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_log" ADD CONSTRAINT "sync_log_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_reviews" ADD CONSTRAINT "sync_reviews_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_reviews" ADD CONSTRAINT "sync_reviews_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_webhook_events" ADD CONSTRAINT "xero_webhook_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_accounts" ADD CONSTRAINT "xero_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_contacts" ADD CONSTRAINT "xero_contacts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_contacts" ADD CONSTRAINT "xero_contacts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_credit_notes" ADD CONSTRAINT "xero_credit_notes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_credit_notes" ADD CONSTRAINT "xero_credit_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_currencies" ADD CONSTRAINT "xero_currencies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_invoice_lines" ADD CONSTRAINT "xero_invoice_lines_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_invoices" ADD CONSTRAINT "xero_invoices_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_invoices" ADD CONSTRAINT "xero_invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_invoices" ADD CONSTRAINT "xero_invoices_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_items" ADD CONSTRAINT "xero_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_items" ADD CONSTRAINT "xero_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_organisation_profiles" ADD CONSTRAINT "xero_organisation_profiles_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_payments" ADD CONSTRAINT "xero_payments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_tax_rates" ADD CONSTRAINT "xero_tax_rates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD CONSTRAINT "invoice_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD CONSTRAINT "invoice_settings_trigger_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("trigger_stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_log_org_at_idx" ON "sync_log" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "sync_log_org_record_idx" ON "sync_log" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE INDEX "sync_reviews_org_status_idx" ON "sync_reviews" USING btree ("org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_reviews_open_contact_idx" ON "sync_reviews" USING btree ("org_id","xero_contact_id") WHERE "sync_reviews"."status" = 'open' and "sync_reviews"."xero_contact_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_reviews_open_customer_idx" ON "sync_reviews" USING btree ("org_id","customer_id") WHERE "sync_reviews"."status" = 'open' and "sync_reviews"."customer_id" is not null and "sync_reviews"."xero_contact_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "xero_webhook_events_key_idx" ON "xero_webhook_events" USING btree ("event_key");--> statement-breakpoint
CREATE INDEX "xero_webhook_events_pending_idx" ON "xero_webhook_events" USING btree ("org_id","processed_at");--> statement-breakpoint
CREATE INDEX "xero_accounts_code_idx" ON "xero_accounts" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "xero_contacts_customer_idx" ON "xero_contacts" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "xero_contacts_email_idx" ON "xero_contacts" USING btree ("org_id",lower("email"));--> statement-breakpoint
CREATE INDEX "xero_contacts_number_idx" ON "xero_contacts" USING btree ("org_id","contact_number");--> statement-breakpoint
CREATE INDEX "xero_credit_notes_customer_idx" ON "xero_credit_notes" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "xero_invoices_customer_idx" ON "xero_invoices" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "xero_invoices_deal_idx" ON "xero_invoices" USING btree ("org_id","deal_id");--> statement-breakpoint
CREATE INDEX "xero_invoices_contact_idx" ON "xero_invoices" USING btree ("org_id","xero_contact_id");--> statement-breakpoint
CREATE INDEX "xero_invoices_status_due_idx" ON "xero_invoices" USING btree ("org_id","status","due_date");--> statement-breakpoint
CREATE INDEX "xero_invoices_updated_idx" ON "xero_invoices" USING btree ("org_id","xero_updated_at");--> statement-breakpoint
CREATE INDEX "xero_invoices_api_idx" ON "xero_invoices" USING btree ("org_id","xero_updated_at","id");--> statement-breakpoint
CREATE INDEX "xero_items_code_idx" ON "xero_items" USING btree ("org_id",lower("code"));--> statement-breakpoint
CREATE INDEX "xero_payments_invoice_idx" ON "xero_payments" USING btree ("org_id","xero_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_org_xero_contact_idx" ON "customers" USING btree ("org_id","xero_contact_id") WHERE "customers"."xero_contact_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "deals_org_xero_invoice_idx" ON "deals" USING btree ("org_id","xero_invoice_id") WHERE "deals"."xero_invoice_id" is not null;--> statement-breakpoint
CREATE INDEX "sync_items_entity_idx" ON "sync_items" USING btree ("org_id","entity_type","entity_id");