CREATE TABLE "xero_cash_credit_allocations" (
	"org_id" uuid NOT NULL,
	"xero_cash_credit_id" text NOT NULL,
	"allocation_key" text NOT NULL,
	"xero_invoice_id" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"date" date,
	CONSTRAINT "xero_cash_credit_allocations_org_id_xero_cash_credit_id_allocation_key_pk" PRIMARY KEY("org_id","xero_cash_credit_id","allocation_key")
);
--> statement-breakpoint
CREATE TABLE "xero_cash_credits" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"xero_cash_credit_id" text NOT NULL,
	"kind" text NOT NULL,
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
	"xero_updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xero_cash_credits_org_id_xero_cash_credit_id_pk" PRIMARY KEY("org_id","xero_cash_credit_id"),
	CONSTRAINT "xero_cash_credits_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "xero_cash_credit_allocations" ADD CONSTRAINT "xero_cash_credit_allocations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_cash_credits" ADD CONSTRAINT "xero_cash_credits_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_cash_credits" ADD CONSTRAINT "xero_cash_credits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xero_cash_credit_allocations_invoice_idx" ON "xero_cash_credit_allocations" USING btree ("org_id","xero_invoice_id");--> statement-breakpoint
CREATE INDEX "xero_cash_credit_allocations_date_idx" ON "xero_cash_credit_allocations" USING btree ("org_id","date");--> statement-breakpoint
CREATE INDEX "xero_cash_credits_customer_idx" ON "xero_cash_credits" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "xero_cash_credits_date_idx" ON "xero_cash_credits" USING btree ("org_id","date");