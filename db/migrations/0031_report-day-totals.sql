CREATE TABLE "report_day_totals" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"invoiced" numeric(18, 2) DEFAULT '0' NOT NULL,
	"credited" numeric(18, 2) DEFAULT '0' NOT NULL,
	"collected" numeric(18, 2) DEFAULT '0' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_day_totals" ADD CONSTRAINT "report_day_totals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_day_totals_day_idx" ON "report_day_totals" USING btree ("org_id","day");