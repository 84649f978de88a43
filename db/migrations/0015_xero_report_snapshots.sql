CREATE TABLE "xero_report_snapshots" (
	"org_id" uuid NOT NULL,
	"report" text NOT NULL,
	"xero_tenant_id" text NOT NULL,
	"report_date" date NOT NULL,
	"figures" jsonb NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xero_report_snapshots_org_id_report_pk" PRIMARY KEY("org_id","report")
);
--> statement-breakpoint
ALTER TABLE "xero_report_snapshots" ADD CONSTRAINT "xero_report_snapshots_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;