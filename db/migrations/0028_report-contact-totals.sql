CREATE TABLE "report_contact_totals" (
	"org_id" uuid NOT NULL,
	"xero_contact_id" text NOT NULL,
	"paid" numeric(18, 2) DEFAULT '0' NOT NULL,
	"paid_late_days" bigint DEFAULT 0 NOT NULL,
	"paid_late_invoices" integer DEFAULT 0 NOT NULL,
	"first_live_date" date,
	"recheck_first" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_contact_totals" ADD CONSTRAINT "report_contact_totals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_contact_totals_contact_idx" ON "report_contact_totals" USING btree ("org_id","xero_contact_id");